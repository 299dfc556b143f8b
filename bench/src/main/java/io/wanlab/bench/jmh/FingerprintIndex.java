package io.wanlab.bench.jmh;

import io.wanlab.core.flow.FlowKey;

/**
 * An experimental flow index layout, for {@link FlowIndexLayoutBenchmark} only: open addressing
 * with linear probing over a primitive array of (fingerprint, slot + 1) cells, the keys in a
 * separate per-slot array that is read only when a fingerprint matches. The table's own index
 * keeps the whole key in its cell instead, so a hit reads one line where this reads two (cell,
 * then key); this layout's cells are smaller (4 or 8 bytes, not 16), so a miss touches less.
 * Insert-only: the benchmark only builds and looks up.
 */
final class FingerprintIndex {
    private static final int SLOT_BITS = 24;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

    private final boolean wide;
    private final int[] narrowCells;
    private final long[] wideCells;
    private final int mask;
    private final long[] keys;
    private int size;

    /**
     * @param wide false: {@code int} cells of an 8-bit fingerprint and the slot (layout a);
     *             true: {@code long} cells of a 40-bit fingerprint and the slot (layout b)
     */
    FingerprintIndex(int capacity, boolean wide) {
        if (capacity < 1 || capacity >= SLOT_MASK) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.." + (SLOT_MASK - 1) + ")");
        }
        int cellCount = Integer.highestOneBit(Math.max(1, 2 * capacity - 1)) << 1;
        this.wide = wide;
        this.narrowCells = wide ? null : new int[cellCount];
        this.wideCells = wide ? new long[cellCount] : null;
        this.mask = cellCount - 1;
        this.keys = new long[2 * capacity];
    }

    /** Adds a key that must be absent; returns its slot. */
    int insert(long low, long high) {
        if (2 * size == keys.length) {
            throw new IllegalStateException("index is full (" + size + " keys)");
        }
        int slot = size++;
        keys[2 * slot] = low;
        keys[2 * slot + 1] = high;
        long hash = FlowKey.hash(low, high);
        int pos = (int) hash & mask;
        if (wide) {
            while (wideCells[pos] != 0) {
                pos = (pos + 1) & mask;
            }
            wideCells[pos] = (hash >>> SLOT_BITS) << SLOT_BITS | (slot + 1);
        } else {
            while (narrowCells[pos] != 0) {
                pos = (pos + 1) & mask;
            }
            narrowCells[pos] = (int) (hash >>> 56) << SLOT_BITS | (slot + 1);
        }
        return slot;
    }

    /** The slot of this key, or -1. */
    int find(long low, long high) {
        long hash = FlowKey.hash(low, high);
        return wide ? findWide(hash, low, high) : findNarrow(hash, low, high);
    }

    private int findWide(long hash, long low, long high) {
        long tag = hash >>> SLOT_BITS;
        for (int pos = (int) hash & mask; ; pos = (pos + 1) & mask) {
            long cell = wideCells[pos];
            if (cell == 0) {
                return -1;
            }
            int slot = (int) cell & SLOT_MASK;
            if (cell >>> SLOT_BITS == tag && keys[2 * slot - 2] == low && keys[2 * slot - 1] == high) {
                return slot - 1;
            }
        }
    }

    private int findNarrow(long hash, long low, long high) {
        int tag = (int) (hash >>> 56);
        for (int pos = (int) hash & mask; ; pos = (pos + 1) & mask) {
            int cell = narrowCells[pos];
            if (cell == 0) {
                return -1;
            }
            int slot = cell & SLOT_MASK;
            if (cell >>> SLOT_BITS == tag && keys[2 * slot - 2] == low && keys[2 * slot - 1] == high) {
                return slot - 1;
            }
        }
    }
}
