package io.wanlab.core.flow;

/**
 * The open-addressing part of {@link FlowTable}: a power-of-two array of two-long cells, probed
 * linearly and kept tombstone-free by backward-shift deletion.
 *
 * <p>A cell holds the whole key and the slot it points at, so a lookup that hits costs one
 * cache miss, not two (cell, then key array): at a million flows that is most of the time a
 * lookup takes. The key's words leave room for the slot: {@code low} uses 56 bits and
 * {@code high} 48, so {@code slot + 1} (24 bits) rides in their top bits, low byte in
 * {@code low}, the rest in {@code high}. A cell whose slot bits are all zero is empty. The table
 * has at least twice as many cells as slots, so load stays at or below 0.5 and every probe loop
 * meets an empty cell.
 */
final class FlowIndex {
    /** The most slots a cell can point at: slot + 1 must fit in 24 bits. */
    static final int MAX_SLOTS = (1 << 24) - 1;

    private static final long LOW_KEY = (1L << 56) - 1;
    private static final long HIGH_KEY = (1L << 48) - 1;

    private final long[] cells;
    private final int mask;
    private final long[] keys;
    private final long hashAnd;
    private final long hashXor;

    /**
     * @param keys    two longs per slot (low, high), shared with the table
     * @param hashAnd and {@code hashXor}: applied to every hash; -1 and 0 outside tests, which
     *                squeeze the hash to force collision clusters (including ones that wrap)
     */
    FlowIndex(int capacity, long[] keys, long hashAnd, long hashXor) {
        if (capacity > MAX_SLOTS) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.." + MAX_SLOTS + ")");
        }
        int cellCount = nextPowerOfTwo(2 * capacity);
        this.cells = new long[2 * cellCount];
        this.mask = cellCount - 1;
        this.keys = keys;
        this.hashAnd = hashAnd;
        this.hashXor = hashXor;
    }

    static int nextPowerOfTwo(int value) {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }

    int cellCount() {
        return mask + 1;
    }

    long hash(long low, long high) {
        return (FlowKey.hash(low, high) & hashAnd) ^ hashXor;
    }

    /** The slot holding this key, or -1. */
    int find(long hash, long low, long high) {
        return findFrom((int) hash & mask, low, high);
    }

    /**
     * {@link #find} for every key of the batch, in two passes: each key's home cell and one load
     * of its first word, then the compares (and probes past the home cell, rare at load 0.5). The
     * first pass is independent loads with no branch between them, so the CPU keeps their cache
     * misses in flight together; the compare pass then finds those lines in cache.
     */
    void findAll(FlowLookupBatch batch) {
        int n = batch.size;
        long[] lows = batch.lows;
        long[] highs = batch.highs;
        int[] homes = batch.homes;
        long[] firstWords = batch.firstWords;
        int[] slots = batch.slots;
        for (int i = 0; i < n; i++) {
            int home = (int) hash(lows[i], highs[i]) & mask;
            homes[i] = home;
            firstWords[i] = cells[2 * home];
        }
        for (int i = 0; i < n; i++) {
            int pos = homes[i];
            long cl = firstWords[i];
            long ch = cells[2 * pos + 1];
            int ref = ref(cl, ch);
            long low = lows[i];
            long high = highs[i];
            slots[i] = ref == 0 ? -1
                    : (cl & LOW_KEY) == low && (ch & HIGH_KEY) == high ? ref - 1
                    : findFrom((pos + 1) & mask, low, high);
        }
    }

    private int findFrom(int start, long low, long high) {
        for (int pos = start; ; pos = (pos + 1) & mask) {
            long cl = cells[2 * pos];
            long ch = cells[2 * pos + 1];
            int ref = ref(cl, ch);
            if (ref == 0) {
                return -1;
            }
            if ((cl & LOW_KEY) == low && (ch & HIGH_KEY) == high) {
                return ref - 1;
            }
        }
    }

    /** Points a cell at {@code slot}, whose key must be absent from the index. */
    void insert(long hash, int slot) {
        int pos = (int) hash & mask;
        while (ref(cells[2 * pos], cells[2 * pos + 1]) != 0) {
            pos = (pos + 1) & mask;
        }
        int ref = slot + 1;
        cells[2 * pos] = keys[2 * slot] | ((long) (ref & 0xFF) << 56);
        cells[2 * pos + 1] = keys[2 * slot + 1] | ((long) (ref >>> 8) << 48);
    }

    /** Drops the cell of {@code slot} (its key still in the key array) and closes the gap. */
    void remove(int slot) {
        int hole = (int) hash(keys[2 * slot], keys[2 * slot + 1]) & mask;
        int target = slot + 1;
        while (true) {
            int ref = ref(cells[2 * hole], cells[2 * hole + 1]);
            if (ref == target) {
                break;
            }
            if (ref == 0) {
                throw new IllegalStateException("slot " + slot + " is not in the index");
            }
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; ref(cells[2 * j], cells[2 * j + 1]) != 0; j = (j + 1) & mask) {
            int home = (int) hash(cells[2 * j] & LOW_KEY, cells[2 * j + 1] & HIGH_KEY) & mask;
            // The cell at j may fill the hole only if its home does not lie cyclically in (hole, j].
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                cells[2 * hole] = cells[2 * j];
                cells[2 * hole + 1] = cells[2 * j + 1];
                hole = j;
            }
        }
        cells[2 * hole] = 0;
        cells[2 * hole + 1] = 0;
    }

    /** The cell's {@code slot + 1}, 0 when empty. */
    private static int ref(long cl, long ch) {
        return (int) (cl >>> 56) | (int) (ch >>> 48) << 8;
    }
}
