package io.wanlab.core.flow;

/**
 * Up to {@link #capacity} 5-tuples to look up in one {@link FlowTable#lookup(FlowLookupBatch)},
 * and the slot each one found. Allocated once and reused ({@link #clear}); nothing here allocates.
 *
 * <p><b>Why a batch.</b> At a million flows the index is far bigger than the caches, so a hit's
 * time is the one cache miss on its index cell. Looked up one by one, each lookup's miss starts
 * only when the previous lookup's probe loop has retired far enough; looked up as a batch, the
 * table first loads every key's home cell in a loop with no branch between the loads, so the
 * misses are in flight together (memory-level parallelism), then compares. Java has no prefetch
 * instruction; these loads are the prefetch, and their values are used by the compare.
 *
 * <p>Not thread-safe; one event loop owns a batch, as it owns its table. The slots are those of
 * {@link FlowTable#lookup(int, int, int, int, int)} and valid as long as that says.
 */
public final class FlowLookupBatch {
    final long[] lows;
    final long[] highs;
    /** Scratch for {@link FlowIndex#findAll}: each key's home cell and that cell's first word. */
    final int[] homes;
    final long[] firstWords;
    final int[] slots;
    int size;

    public FlowLookupBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        lows = new long[capacity];
        highs = new long[capacity];
        homes = new int[capacity];
        firstWords = new long[capacity];
        slots = new int[capacity];
    }

    /**
     * Adds a 5-tuple (as {@link FlowTable#lookup(int, int, int, int, int)} takes it) and returns its
     * index in the batch; its slot is {@code -1} until the batch is looked up.
     *
     * @throws IllegalStateException when the batch already holds {@link #capacity} tuples
     */
    public int add(int src, int dst, int protocol, int srcPort, int dstPort) {
        if (size == lows.length) {
            throw new IllegalStateException("batch is full (" + lows.length + " tuples); look it up and clear it first");
        }
        long a = FlowKey.endpoint(src, srcPort);
        long b = FlowKey.endpoint(dst, dstPort);
        int i = size++;
        lows[i] = FlowKey.low(a, b, protocol);
        highs[i] = FlowKey.high(a, b);
        slots[i] = -1;
        return i;
    }

    /** The slot the i-th tuple found at the last lookup, or -1 (none, or not looked up yet). */
    public int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index: " + i + " (expected: 0.." + (size - 1) + ")");
        }
        return slots[i];
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return lows.length;
    }

    /** Empties the batch for the next tuples. */
    public void clear() {
        size = 0;
    }
}
