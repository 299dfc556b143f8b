package io.wanlab.core.appid;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SNI and ALPN of one complete ClientHello body (RFC 8446 4.1.2, RFC 6066 3, RFC 7301 3.1)
 * with absolute reads, so neither reader index of the source moves. Every length is checked against
 * the length that encloses it before it is used; the first lie ends the read with a {@link GaveUp}.
 * One instance per read: it is the scratch space for what was found.
 */
final class ClientHelloReader {
    static final int EXT_SERVER_NAME = 0x0000;
    static final int EXT_ALPN = 0x0010;
    private static final int SNI_HOST_NAME = 0;
    private static final int RANDOM_LENGTH = 32;
    private static final int MAX_SESSION_ID = 32;

    private final ByteBuf buf;
    private String serverName;
    private List<String> alpn = List.of();
    private boolean sawSni;
    private boolean sawAlpn;
    private String failure;

    private ClientHelloReader(ByteBuf buf) {
        this.buf = buf;
    }

    /** Reads the ClientHello body at {@code buf[index, index + length)}: the handshake message minus its 4-byte header. */
    static Identification read(ByteBuf buf, int index, int length) {
        ClientHelloReader r = new ClientHelloReader(buf);
        return r.body(index, index + length) ? new Identified(Identified.Kind.TLS, r.serverName, r.alpn, null, null)
                : new GaveUp(r.failure);
    }

    private boolean body(int p, int end) {
        if (end - p < 2 + RANDOM_LENGTH + 1) {
            return fail("client hello body of " + (end - p) + " bytes (expected: at least " + (2 + RANDOM_LENGTH + 1) + ")");
        }
        int version = buf.getUnsignedShort(p);
        if (version >>> 8 != 3) {
            return fail("client hello version 0x" + Integer.toHexString(version) + " (expected: 0x03xx)");
        }
        p += 2 + RANDOM_LENGTH;
        int sessionId = buf.getUnsignedByte(p++);
        if (sessionId > MAX_SESSION_ID) {
            return fail("session id length " + sessionId + " exceeds " + MAX_SESSION_ID);
        }
        if (sessionId > end - p) {
            return fail("session id length " + sessionId + " beyond handshake (remaining " + (end - p) + ")");
        }
        p += sessionId;
        if (end - p < 2) {
            return fail("cipher suites length beyond handshake");
        }
        int suites = buf.getUnsignedShort(p);
        p += 2;
        if (suites > end - p) {
            return fail("cipher suites length " + suites + " beyond handshake (remaining " + (end - p) + ")");
        }
        if (suites == 0 || (suites & 1) != 0) {
            return fail("cipher suites length " + suites + " (expected: even, at least 2)");
        }
        p += suites;
        if (end - p < 1) {
            return fail("compression methods length beyond handshake");
        }
        int compressions = buf.getUnsignedByte(p++);
        if (compressions > end - p) {
            return fail("compression methods length " + compressions + " beyond handshake (remaining " + (end - p) + ")");
        }
        if (compressions == 0) {
            return fail("compression methods length 0 (expected: at least 1)");
        }
        p += compressions;
        if (p == end) {
            return true; // a ClientHello without extensions: valid, but names nothing
        }
        if (end - p < 2) {
            return fail("extensions length beyond handshake");
        }
        int extensions = buf.getUnsignedShort(p);
        p += 2;
        if (extensions > end - p) {
            return fail("extensions length " + extensions + " beyond handshake (remaining " + (end - p) + ")");
        }
        if (extensions < end - p) {
            return fail("extensions length " + extensions + " leaves " + (end - p - extensions) + " trailing bytes in handshake");
        }
        return extensions(p, end);
    }

    private boolean extensions(int p, int end) {
        while (p < end) {
            if (end - p < 4) {
                return fail("extension header beyond handshake (remaining " + (end - p) + ")");
            }
            int type = buf.getUnsignedShort(p);
            int length = buf.getUnsignedShort(p + 2);
            p += 4;
            if (length > end - p) {
                return fail("extension 0x" + hex4(type) + " length " + length + " beyond handshake (remaining " + (end - p) + ")");
            }
            if (type == EXT_SERVER_NAME && !serverNameExtension(p, length)) {
                return false;
            }
            if (type == EXT_ALPN && !alpnExtension(p, length)) {
                return false;
            }
            p += length;
        }
        return true;
    }

    private boolean serverNameExtension(int p, int length) {
        if (sawSni) {
            return fail("duplicate extension 0x" + hex4(EXT_SERVER_NAME));
        }
        sawSni = true;
        if (length < 2) {
            return fail("sni list length beyond extension (extension length " + length + ")");
        }
        int list = buf.getUnsignedShort(p);
        p += 2;
        if (list != length - 2) {
            return fail("sni list length " + list + " does not match extension length " + length);
        }
        if (list == 0) {
            return fail("sni list empty");
        }
        int end = p + list;
        while (p < end) {
            if (end - p < 3) {
                return fail("sni entry header beyond extension (remaining " + (end - p) + ")");
            }
            int nameType = buf.getUnsignedByte(p);
            int nameLength = buf.getUnsignedShort(p + 1);
            p += 3;
            if (nameLength > end - p) {
                return fail("sni name length " + nameLength + " beyond extension (remaining " + (end - p) + ")");
            }
            // RFC 6066 allows one name per type; unknown types are skipped, the first host_name counts.
            if (nameType == SNI_HOST_NAME && serverName == null && !hostName(p, nameLength)) {
                return false;
            }
            p += nameLength;
        }
        return true;
    }

    private boolean hostName(int p, int length) {
        if (length == 0) {
            return fail("sni host name: empty");
        }
        if (length > HostNames.MAX_LENGTH + 1) {
            return fail("sni host name: length " + length + " (expected: 1.." + HostNames.MAX_LENGTH + ")");
        }
        byte[] name = new byte[length];
        buf.getBytes(p, name);
        String problem = HostNames.problem("sni host name", name, 0, length);
        if (problem != null) {
            return fail(problem);
        }
        serverName = HostNames.normalize(name, 0, length);
        return true;
    }

    private boolean alpnExtension(int p, int length) {
        if (sawAlpn) {
            return fail("duplicate extension 0x" + hex4(EXT_ALPN));
        }
        sawAlpn = true;
        if (length < 2) {
            return fail("alpn list length beyond extension (extension length " + length + ")");
        }
        int list = buf.getUnsignedShort(p);
        p += 2;
        if (list != length - 2) {
            return fail("alpn list length " + list + " does not match extension length " + length);
        }
        if (list == 0) {
            return fail("alpn list empty");
        }
        int end = p + list;
        List<String> protocols = new ArrayList<>(4);
        while (p < end) {
            int nameLength = buf.getUnsignedByte(p++);
            if (nameLength == 0) {
                return fail("alpn protocol name empty");
            }
            if (nameLength > end - p) {
                return fail("alpn protocol length " + nameLength + " beyond extension (remaining " + (end - p) + ")");
            }
            protocols.add(buf.toString(p, nameLength, StandardCharsets.ISO_8859_1));
            p += nameLength;
        }
        alpn = protocols;
        return true;
    }

    private boolean fail(String reason) {
        failure = reason;
        return false;
    }

    static String hex4(int value) {
        return String.format("%04x", value);
    }
}
