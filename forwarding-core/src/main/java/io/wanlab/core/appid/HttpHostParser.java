package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds the Host header of an HTTP/1.x request, fed segment by segment in order. A byte-at-a-time
 * state machine: only the Host value is copied (into a {@value #MAX_HOST_VALUE}-byte array), so a
 * request split anywhere costs no buffering. Gives up on an unknown method, a request line that does
 * not end in HTTP/1.x, a malformed header line, the end of the headers without a Host, or
 * {@value #MAX_HEAD} bytes of request line and headers without a Host.
 *
 * <p>Not thread-safe: one instance per flow, used by the thread that owns the flow.
 */
public final class HttpHostParser implements PayloadParser {
    /** Bytes of request line and headers read before giving up on finding Host. */
    public static final int MAX_HEAD = 8192;
    /** Longest Host value kept: a 253-byte name, a port and generous whitespace. */
    static final int MAX_HOST_VALUE = 300;
    private static final byte[][] METHODS = ascii("GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT");
    private static final long HTTP_1_PREFIX = packed("HTTP/1.");

    private enum State { METHOD, REQUEST_LINE, LINE_START, NAME, HOST_VALUE, OTHER_VALUE }

    private State state = State.METHOD;
    private int consumed;
    private int methodLength;
    private int methodCandidates = (1 << METHODS.length) - 1;
    private long lastBytes; // the request line's last 8 bytes, for the version check
    private int nameLength;
    private boolean nameIsHost;
    private byte[] hostValue;
    private int hostLength;
    private Identification result;

    /** True when {@code b} can start one of the methods this parser knows. */
    public static boolean startsMethod(int b) {
        for (byte[] m : METHODS) {
            if (m[0] == b) {
                return true;
            }
        }
        return false;
    }

    /** Reads the readable bytes of {@code segment}; returns {@link NotYet} until Host is found or ruled out. */
    @Override
    public Identification offer(ByteBuf segment) {
        requireNonNull(segment, "segment");
        if (result != null) {
            return result;
        }
        int end = segment.writerIndex();
        for (int i = segment.readerIndex(); i < end; i++) {
            if (++consumed > MAX_HEAD) {
                return finish(new GaveUp("http request head exceeds " + MAX_HEAD + " bytes without a Host header"));
            }
            Identification r = step(segment.getByte(i) & 0xff);
            if (r != null) {
                return finish(r);
            }
        }
        return NotYet.INSTANCE;
    }

    private Identification step(int b) {
        return switch (state) {
            case METHOD -> method(b);
            case REQUEST_LINE -> requestLine(b);
            case LINE_START -> lineStart(b);
            case NAME -> name(b);
            case HOST_VALUE -> hostValue(b);
            case OTHER_VALUE -> {
                if (b == '\n') {
                    state = State.LINE_START;
                }
                yield null;
            }
        };
    }

    private Identification method(int b) {
        if (b == ' ') {
            for (int m = 0; m < METHODS.length; m++) {
                if ((methodCandidates & 1 << m) != 0 && METHODS[m].length == methodLength) {
                    state = State.REQUEST_LINE;
                    return null;
                }
            }
            return unknownMethod(b);
        }
        for (int m = 0; m < METHODS.length; m++) {
            if (methodLength >= METHODS[m].length || METHODS[m][methodLength] != b) {
                methodCandidates &= ~(1 << m);
            }
        }
        methodLength++;
        return methodCandidates == 0 ? unknownMethod(b) : null;
    }

    private GaveUp unknownMethod(int b) {
        return new GaveUp("not an http request: unknown method (byte 0x" + HostNames.hex2(b) + " at index " + (consumed - 1) + ")");
    }

    private Identification requestLine(int b) {
        if (b == '\n') {
            if (lastBytes >>> 8 != HTTP_1_PREFIX || !isDigit((int) (lastBytes & 0xff))) {
                return new GaveUp("request line does not end with HTTP/1.x");
            }
            state = State.LINE_START;
            return null;
        }
        if (b == '\r') {
            return null;
        }
        if (b < 0x20 || b == 0x7f) {
            return new GaveUp("invalid byte 0x" + HostNames.hex2(b) + " in request line");
        }
        lastBytes = lastBytes << 8 | b;
        return null;
    }

    private Identification lineStart(int b) {
        if (b == '\r') {
            return null;
        }
        if (b == '\n') {
            return new GaveUp("no Host header");
        }
        if (b == ' ' || b == '\t') {
            state = State.OTHER_VALUE; // obs-fold continuation of the previous header: never a Host line
            return null;
        }
        nameLength = 0;
        nameIsHost = true;
        state = State.NAME;
        return name(b);
    }

    private Identification name(int b) {
        if (b == ':') {
            if (nameLength == 0) {
                return new GaveUp("empty header name");
            }
            if (nameIsHost && nameLength == 4) {
                hostLength = 0;
                state = State.HOST_VALUE;
            } else {
                state = State.OTHER_VALUE;
            }
            return null;
        }
        if (b == '\r' || b == '\n') {
            return new GaveUp("header line without ':'");
        }
        if (!isTokenChar(b)) {
            return new GaveUp("invalid byte 0x" + HostNames.hex2(b) + " in header name");
        }
        nameIsHost = nameIsHost && nameLength < 4 && (b | 0x20) == "host".charAt(nameLength);
        nameLength++;
        return null;
    }

    private Identification hostValue(int b) {
        if (b == '\n') {
            return HttpHostValue.parse(hostValue, hostLength);
        }
        if (b == '\r') {
            return null;
        }
        if (b < 0x20 && b != '\t' || b == 0x7f) {
            return new GaveUp("invalid byte 0x" + HostNames.hex2(b) + " in Host header");
        }
        if (hostValue == null) {
            hostValue = new byte[MAX_HOST_VALUE];
        }
        if (hostLength == MAX_HOST_VALUE) {
            return new GaveUp("Host header longer than " + MAX_HOST_VALUE + " bytes");
        }
        hostValue[hostLength++] = (byte) b;
        return null;
    }

    private Identification finish(Identification last) {
        result = last;
        hostValue = null;
        return last;
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** RFC 9110 5.6.2 tchar. */
    private static boolean isTokenChar(int b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || isDigit(b)) {
            return true;
        }
        return b < 0x7f && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private static byte[][] ascii(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static long packed(String s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = v << 8 | s.charAt(i);
        }
        return v;
    }
}
