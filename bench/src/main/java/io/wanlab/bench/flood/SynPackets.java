package io.wanlab.bench.flood;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;

/**
 * Writes TCP SYNs, IPv4 header included, for a raw socket: each from a random source address of
 * the {@link FloodTargets} and a random port (1024..65535), with a random sequence number and an
 * MSS option, both checksums filled in. Hand-written into one reused array (no buffer per packet):
 * a million SYNs allocate nothing. One thread.
 */
final class SynPackets {
    static final int LENGTH = 20 + 24;
    private static final int TCP = 6;
    private static final int TTL = 64;

    private final FloodTargets targets;
    private final SplittableRandom random;
    private final byte[] packet = new byte[LENGTH];
    private int id;

    SynPackets(FloodTargets targets, long seed) {
        this.targets = requireNonNull(targets, "targets");
        this.random = new SplittableRandom(seed);
    }

    /** The next SYN, in the returned array (valid until the next call), {@link #LENGTH} bytes. */
    byte[] next() {
        int src = targets.source(random.nextLong(targets.sourceCount()));
        int srcPort = 1024 + random.nextInt(65536 - 1024);
        int seq = random.nextInt();
        write(src, srcPort, targets.destination(), targets.port(), seq, ++id & 0xffff);
        return packet;
    }

    private void write(int src, int srcPort, int dst, int dstPort, int seq, int ipId) {
        byte[] p = packet;
        p[0] = 0x45;
        p[1] = 0;
        short16(p, 2, LENGTH);
        short16(p, 4, ipId);
        short16(p, 6, 0x4000); // don't fragment
        p[8] = (byte) TTL;
        p[9] = TCP;
        short16(p, 10, 0);
        int32(p, 12, src);
        int32(p, 16, dst);
        short16(p, 10, fold(sum(p, 0, 20, 0)));
        int t = 20;
        short16(p, t, srcPort);
        short16(p, t + 2, dstPort);
        int32(p, t + 4, seq);
        int32(p, t + 8, 0);
        p[t + 12] = (byte) (6 << 4); // data offset 6 words: 20 bytes + the MSS option
        p[t + 13] = 0x02; // SYN
        short16(p, t + 14, 64240);
        short16(p, t + 16, 0);
        short16(p, t + 18, 0);
        p[t + 20] = 2; // MSS, length 4, 1460
        p[t + 21] = 4;
        short16(p, t + 22, 1460);
        int pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + TCP + (LENGTH - 20);
        short16(p, t + 16, fold(sum(p, t, LENGTH - 20, pseudo)));
    }

    private static int sum(byte[] p, int offset, int length, int initial) {
        int s = initial;
        for (int i = 0; i < length; i += 2) {
            s += ((p[offset + i] & 0xff) << 8) | (p[offset + i + 1] & 0xff);
        }
        return s;
    }

    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return ~sum & 0xffff;
    }

    private static void short16(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    private static void int32(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }
}
