package io.wanlab.core.appid;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Test-side TLS record framing: takes well-formed records apart and frames handshake bytes into records of a chosen size. */
final class TlsRecords {
    static final int HANDSHAKE = 22;

    private TlsRecords() {}

    /** The concatenated payloads of the well-formed records in {@code records}. */
    static byte[] payload(byte[] records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p < records.length) {
            int length = (records[p + 3] & 0xff) << 8 | records[p + 4] & 0xff;
            out.write(records, p + 5, length);
            p += 5 + length;
        }
        return out.toByteArray();
    }

    /** {@code payload} framed into handshake records of at most {@code recordSize} payload bytes each. */
    static byte[] frame(byte[] payload, int recordSize, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < payload.length; p += recordSize) {
            int n = Math.min(recordSize, payload.length - p);
            out.write(HANDSHAKE);
            out.write(version >>> 8);
            out.write(version);
            out.write(n >>> 8);
            out.write(n);
            out.write(payload, p, n);
        }
        return out.toByteArray();
    }

    /** The same handshake bytes as {@code records}, re-fragmented into records of {@code recordSize} bytes (same record version). */
    static byte[] refragment(byte[] records, int recordSize) {
        int version = (records[1] & 0xff) << 8 | records[2] & 0xff;
        return frame(payload(records), recordSize, version);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }
}
