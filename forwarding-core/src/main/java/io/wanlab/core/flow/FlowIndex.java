package io.wanlab.core.flow;

/**
 * The open-addressing part of {@link FlowTable}: a power-of-two {@code int[]} whose cells point at
 * slots, probed linearly and kept tombstone-free by backward-shift deletion.
 *
 * <p>A cell is 0 when empty, else {@code tag | (slot + 1)}: the low bits hold the slot, the high
 * bits hold high hash bits, so that most probes past a foreign cell never touch the key array.
 * The table has at least twice as many cells as slots, so load stays at or below 0.5 and every
 * probe loop meets an empty cell.
 */
final class FlowIndex {
    private final int[] cells;
    private final int mask;
    private final int slotMask;
    private final long[] keys;
    private final long hashAnd;
    private final long hashXor;

    /**
     * @param keys    two longs per slot (low, high), shared with the table
     * @param hashAnd and {@code hashXor}: applied to every hash; -1 and 0 outside tests, which
     *                squeeze the hash to force collision clusters (including ones that wrap)
     */
    FlowIndex(int capacity, long[] keys, long hashAnd, long hashXor) {
        int cellCount = nextPowerOfTwo(2 * capacity);
        this.cells = new int[cellCount];
        this.mask = cellCount - 1;
        int slotBits = 32 - Integer.numberOfLeadingZeros(capacity);
        this.slotMask = (1 << slotBits) - 1;
        this.keys = keys;
        this.hashAnd = hashAnd;
        this.hashXor = hashXor;
    }

    static int nextPowerOfTwo(int value) {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }

    int cellCount() {
        return cells.length;
    }

    long hash(long low, long high) {
        return (FlowKey.hash(low, high) & hashAnd) ^ hashXor;
    }

    /** The slot holding this key, or -1. */
    int find(long hash, long low, long high) {
        int tag = tag(hash);
        for (int pos = (int) hash & mask; ; pos = (pos + 1) & mask) {
            int cell = cells[pos];
            if (cell == 0) {
                return -1;
            }
            if ((cell & ~slotMask) == tag) {
                int slot = (cell & slotMask) - 1;
                if (keys[2 * slot] == low && keys[2 * slot + 1] == high) {
                    return slot;
                }
            }
        }
    }

    /** Points a cell at {@code slot}, whose key must already be in the key array and absent from the index. */
    void insert(long hash, int slot) {
        int pos = (int) hash & mask;
        while (cells[pos] != 0) {
            pos = (pos + 1) & mask;
        }
        cells[pos] = tag(hash) | (slot + 1);
    }

    /** Drops the cell of {@code slot} (its key still in the key array) and closes the gap. */
    void remove(int slot) {
        int hole = (int) hash(keys[2 * slot], keys[2 * slot + 1]) & mask;
        int target = slot + 1;
        while ((cells[hole] & slotMask) != target) {
            if (cells[hole] == 0) {
                throw new IllegalStateException("slot " + slot + " is not in the index");
            }
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; cells[j] != 0; j = (j + 1) & mask) {
            int moved = (cells[j] & slotMask) - 1;
            int home = (int) hash(keys[2 * moved], keys[2 * moved + 1]) & mask;
            // The cell at j may fill the hole only if its home does not lie cyclically in (hole, j].
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                cells[hole] = cells[j];
                hole = j;
            }
        }
        cells[hole] = 0;
    }

    private int tag(long hash) {
        return (int) (hash >>> 32) & ~slotMask;
    }
}
