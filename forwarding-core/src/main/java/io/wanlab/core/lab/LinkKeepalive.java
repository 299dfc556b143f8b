package io.wanlab.core.lab;

/**
 * How fast a link notices that its peer went quiet: each end sends a keepalive after
 * {@code intervalMillis} without sending anything, and declares the link down after
 * {@code misses} intervals without hearing anything. The default (1 s, 5 misses: down after 5 s
 * of silence) is what the links always did; a failover test wants it tighter (200 ms x 3: down
 * 600 ms after the last frame). Lab file: {@code keepalive: {interval: 200ms, misses: 3}} on a link.
 */
public record LinkKeepalive(long intervalMillis, int misses) {
    public static final LinkKeepalive DEFAULT = new LinkKeepalive(1000, 5);
    public static final long MIN_INTERVAL_MILLIS = 50;
    public static final long MAX_INTERVAL_MILLIS = 10_000;
    public static final int MIN_MISSES = 2;
    public static final int MAX_MISSES = 20;

    public LinkKeepalive {
        if (intervalMillis < MIN_INTERVAL_MILLIS || intervalMillis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("interval: " + intervalMillis + "ms (expected: " + MIN_INTERVAL_MILLIS + "ms.."
                    + MAX_INTERVAL_MILLIS / 1000 + "s)");
        }
        if (misses < MIN_MISSES || misses > MAX_MISSES) {
            throw new IllegalArgumentException("misses: " + misses + " (expected: " + MIN_MISSES + ".." + MAX_MISSES + ")");
        }
    }

    /** Silence after which the link is declared down. */
    public long silentMillis() {
        return intervalMillis * misses;
    }

    @Override
    public String toString() {
        return "interval=" + intervalMillis + "ms misses=" + misses;
    }
}
