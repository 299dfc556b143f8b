package io.wanlab.socket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ClientHellos of the shapes real clients send and the JDK will not write: no SNI, TLS 1.2 only,
 * post-quantum key shares, GREASE values and an ECH extension. Honest lengths throughout; the
 * shape is what matters to the Socket, not the cryptography.
 */
final class TestHellos {
    static final int GREASE = 0x0a0a;
    static final int ECH = 0xfe0d;
    static final int X25519 = 0x001d;
    static final int X25519_MLKEM768 = 0x11ec;

    private String sni;
    private boolean tls13 = true;
    private boolean grease;
    private boolean ech;
    private final List<int[]> keyShares = new ArrayList<>();

    static TestHellos hello() {
        return new TestHellos();
    }

    TestHellos sni(String name) {
        sni = name;
        return this;
    }

    /** Only TLS 1.2: no supported_versions, no key shares (as {@code --tls-max 1.2} sends). */
    TestHellos tls12Only() {
        tls13 = false;
        return this;
    }

    /** A key share of {@code size} bytes for {@code group}: X25519MLKEM768 is 1,216 bytes. */
    TestHellos keyShare(int group, int size) {
        keyShares.add(new int[] {group, size});
        return this;
    }

    /** GREASE (RFC 8701) values as Chrome sends them: a cipher suite, a first and a last extension. */
    TestHellos grease() {
        grease = true;
        return this;
    }

    /** An encrypted_client_hello extension (outer ClientHello: the SNI is the client-facing name). */
    TestHellos ech() {
        ech = true;
        return this;
    }

    /** The handshake message (4-byte header and body). */
    byte[] handshake() {
        Out body = new Out();
        body.u16(0x0303);
        for (int i = 0; i < 32; i++) {
            body.u8(i * 7 + 1);
        }
        body.u8(32);
        for (int i = 0; i < 32; i++) {
            body.u8(0xa0 + i);
        }
        int[] suites = grease ? new int[] {GREASE, 0x1301, 0x1302, 0xc02f} : new int[] {0x1301, 0x1302, 0xc02f, 0xc030};
        body.u16(suites.length * 2);
        for (int s : suites) {
            body.u16(s);
        }
        body.u8(1);
        body.u8(0);
        Out ext = new Out();
        if (grease) {
            extension(ext, GREASE, new byte[0]);
        }
        if (sni != null) {
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            Out d = new Out();
            d.u16(name.length + 3);
            d.u8(0);
            d.u16(name.length);
            d.writeBytes(name);
            extension(ext, 0x0000, d.toByteArray());
        }
        if (tls13) {
            extension(ext, 0x002b, new byte[] {4, 0x03, 0x04, 0x03, 0x03});
            Out shares = new Out();
            for (int[] k : keyShares) {
                shares.u16(k[0]);
                shares.u16(k[1]);
                for (int i = 0; i < k[1]; i++) {
                    shares.u8(i * 31 + 5);
                }
            }
            Out d = new Out();
            d.u16(shares.size());
            d.writeBytes(shares.toByteArray());
            extension(ext, 0x0033, d.toByteArray());
        }
        extension(ext, 0x0010, new byte[] {0, 9, 8, 'h', 't', 't', 'p', '/', '1', '.', '1'});
        if (ech) {
            byte[] payload = new byte[200];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 13);
            }
            extension(ext, ECH, payload);
        }
        if (grease) {
            extension(ext, 0x1a1a, new byte[] {0});
        }
        body.u16(ext.size());
        body.writeBytes(ext.toByteArray());
        Out hs = new Out();
        hs.u8(1);
        hs.u8(body.size() >>> 16);
        hs.u16(body.size());
        hs.writeBytes(body.toByteArray());
        return hs.toByteArray();
    }

    /** The ClientHello as the wire carries it: in TLS records of at most {@code recordSize} bytes each. */
    byte[] records(int recordSize) {
        return frame(handshake(), recordSize);
    }

    byte[] records() {
        return records(16384);
    }

    static byte[] frame(byte[] handshake, int recordSize) {
        Out out = new Out();
        for (int p = 0; p < handshake.length; p += recordSize) {
            int n = Math.min(recordSize, handshake.length - p);
            out.u8(22);
            out.u16(0x0301);
            out.u16(n);
            out.write(handshake, p, n);
        }
        return out.toByteArray();
    }

    private static void extension(Out out, int type, byte[] data) {
        out.u16(type);
        out.u16(data.length);
        out.writeBytes(data);
    }

    private static final class Out extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }
    }
}
