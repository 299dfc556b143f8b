package io.wanlab.core.appid;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Finds the ClientHello in a flow's client-to-server bytes, fed segment by segment in order, and
 * reads its SNI and ALPN. Handles a handshake message spread over many segments and over many TLS
 * records (post-quantum key shares push a ClientHello past one MTU).
 *
 * <p>Copies only what it must: record and handshake headers go into int fields; when one segment
 * holds a whole ClientHello inside one record it is read in place; otherwise the body is copied into
 * one array sized to the declared length, at most {@value #MAX_CLIENT_HELLO} bytes. Segments are read
 * with absolute reads: their reader index is left alone and they are never retained.
 *
 * <p>Not thread-safe: one instance per flow, used by the thread that owns the flow.
 */
public final class ClientHelloParser implements PayloadParser {
    /** The largest handshake message (header included) this parser buffers. */
    public static final int MAX_CLIENT_HELLO = 16384;
    /** TLSCiphertext's bound (RFC 8446 5.2); a plaintext record larger than this is a lie in any TLS version. */
    public static final int MAX_RECORD_LENGTH = 16384 + 256;
    static final int RECORD_HANDSHAKE = 22;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int RECORD_HEADER = 5;
    private static final int HANDSHAKE_HEADER = 4;

    private int recordHeaderFill;
    private int recordHeader; // version and length bytes, accumulated
    private int recordRemaining;
    private int handshakeHeaderFill;
    private int handshakeHeader;
    private byte[] body;
    private int bodyFill;
    private int copied; // bytes copied out of segments, for tests of the in-place path
    private Identification result;

    /** Reads the readable bytes of {@code segment}; returns {@link NotYet} until the ClientHello is complete or refuted. */
    @Override
    public Identification offer(ByteBuf segment) {
        requireNonNull(segment, "segment");
        if (result != null) {
            return result;
        }
        int i = segment.readerIndex();
        int end = segment.writerIndex();
        while (i < end) {
            if (recordHeaderFill < RECORD_HEADER) {
                GaveUp bad = recordHeaderByte(segment.getUnsignedByte(i++));
                if (bad != null) {
                    return finish(bad);
                }
                continue;
            }
            int available = Math.min(recordRemaining, end - i);
            if (handshakeHeaderFill < HANDSHAKE_HEADER) {
                if (handshakeHeaderFill == 0 && available >= HANDSHAKE_HEADER) {
                    int type = segment.getUnsignedByte(i);
                    int length = segment.getUnsignedMedium(i + 1);
                    GaveUp bad = checkHandshakeHeader(type, length);
                    if (bad != null) {
                        return finish(bad);
                    }
                    if (available - HANDSHAKE_HEADER >= length) {
                        return finish(ClientHelloReader.read(segment, i + HANDSHAKE_HEADER, length)); // in place, no copy
                    }
                }
                handshakeHeader = handshakeHeader << 8 | segment.getUnsignedByte(i++);
                handshakeHeaderFill++;
                consumedFromRecord(1);
                if (handshakeHeaderFill == HANDSHAKE_HEADER) {
                    int length = handshakeHeader & 0xffffff;
                    GaveUp bad = checkHandshakeHeader(handshakeHeader >>> 24, length);
                    if (bad != null) {
                        return finish(bad);
                    }
                    body = new byte[length];
                    if (length == 0) {
                        return finish(ClientHelloReader.read(Unpooled.EMPTY_BUFFER, 0, 0));
                    }
                }
                continue;
            }
            int take = Math.min(available, body.length - bodyFill);
            segment.getBytes(i, body, bodyFill, take);
            bodyFill += take;
            copied += take;
            i += take;
            consumedFromRecord(take);
            if (bodyFill == body.length) {
                return finish(ClientHelloReader.read(Unpooled.wrappedBuffer(body), 0, body.length));
            }
        }
        return NotYet.INSTANCE;
    }

    /** Bytes of ClientHello body copied out of segments so far: 0 when it was read in place. */
    int copiedBytes() {
        return copied;
    }

    /** Checks each record header byte as it arrives, so a non-TLS first byte is refused at once. */
    private GaveUp recordHeaderByte(int b) {
        int at = recordHeaderFill++;
        if (at == 0) {
            return b == RECORD_HANDSHAKE ? null : new GaveUp("not a handshake record: type " + b);
        }
        recordHeader = recordHeader << 8 | b;
        if (at == 2) {
            int version = recordHeader & 0xffff;
            if (version < 0x0301 || version > 0x0304) {
                return new GaveUp("record version 0x" + ClientHelloReader.hex4(version) + " (expected: 0x0301..0x0304)");
            }
        }
        if (at == RECORD_HEADER - 1) {
            int length = recordHeader & 0xffff;
            if (length == 0) {
                return new GaveUp("empty handshake record"); // RFC 8446 5.1: zero-length handshake fragments are forbidden
            }
            if (length > MAX_RECORD_LENGTH) {
                return new GaveUp("record length " + length + " exceeds " + MAX_RECORD_LENGTH);
            }
            recordRemaining = length;
            recordHeader = 0;
        }
        return null;
    }

    private static GaveUp checkHandshakeHeader(int type, int length) {
        if (type != HANDSHAKE_CLIENT_HELLO) {
            return new GaveUp("handshake type " + type + " is not a ClientHello");
        }
        if (length > MAX_CLIENT_HELLO - HANDSHAKE_HEADER) {
            return new GaveUp("client hello exceeds " + MAX_CLIENT_HELLO + " bytes (declared " + (length + HANDSHAKE_HEADER) + ")");
        }
        return null;
    }

    private void consumedFromRecord(int n) {
        recordRemaining -= n;
        if (recordRemaining == 0) {
            recordHeaderFill = 0;
        }
    }

    private Identification finish(Identification last) {
        result = last;
        body = null; // the bytes are no longer needed once the answer is final
        return last;
    }
}
