package io.wanlab.core.flow;

/**
 * Packs a bidirectional IPv4 5-tuple into two longs without allocating.
 *
 * <p>An endpoint is {@code ip << 16 | port} (48 bits). The two endpoints are ordered so that
 * A->B and B->A give the same key: {@code low = min << 8 | protocol}, {@code high = max}.
 * Public (the packing and the hash, not the table's use of them) so that the flow index layout
 * benchmarks key their experimental layouts exactly as {@link FlowTable} does.
 */
public final class FlowKey {
    private FlowKey() {
    }

    public static long endpoint(int ip, int port) {
        return ((ip & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF);
    }

    public static long low(long a, long b, int protocol) {
        return (Math.min(a, b) << 8) | (protocol & 0xFF);
    }

    public static long high(long a, long b) {
        return Math.max(a, b);
    }

    static long lowEndpoint(long low) {
        return low >>> 8;
    }

    static int protocol(long low) {
        return (int) low & 0xFF;
    }

    static int ip(long endpoint) {
        return (int) (endpoint >>> 16);
    }

    static int port(long endpoint) {
        return (int) endpoint & 0xFFFF;
    }

    /** Both key words through murmur3's fmix64, so that neighbouring addresses and ports spread out. */
    public static long hash(long low, long high) {
        return fmix64(low * 0x9E37_79B9_7F4A_7C15L ^ high);
    }

    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51_AFD7_ED55_8CCDL;
        k ^= k >>> 33;
        k *= 0xC4CE_B9FE_1A85_EC53L;
        k ^= k >>> 33;
        return k;
    }
}
