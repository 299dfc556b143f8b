package io.wanlab.core.rules;

import java.util.Arrays;

/**
 * A prefilter over one dimension (destination address, source address or destination port):
 * the value space is cut into elementary intervals at every range boundary, and each interval
 * lists, in rule order, the rules assigned to this dimension whose ranges cover it. Candidates
 * are a superset: the engine still checks every candidate in full.
 */
final class DimensionIndex {
    /** A range spanning more intervals than this is indexed as "any" to bound memory. */
    static final int MAX_SPAN = 64;

    private static final int[] EMPTY = new int[0];

    /** Interval starts, sign-flipped so that signed comparison orders them as unsigned. */
    private final int[] starts;
    private final int[][] lists;

    private DimensionIndex(int[] starts) {
        this.starts = starts;
        this.lists = new int[starts.length][];
    }

    /**
     * Cuts the value space at every boundary of every rule's ranges; rules are added later with
     * {@link #assign}, once the engine knows which dimension indexes which rule.
     *
     * @param ranges per rule (in rule order): pairs of inclusive unsigned bounds, or null for any
     */
    static DimensionIndex partition(int[][] ranges) {
        long[] bounds = new long[1 + countBounds(ranges)];
        int n = 0;
        bounds[n++] = 0;
        for (int[] r : ranges) {
            if (r == null) {
                continue;
            }
            for (int i = 0; i < r.length; i += 2) {
                bounds[n++] = Integer.toUnsignedLong(r[i]);
                long end = Integer.toUnsignedLong(r[i + 1]) + 1;
                if (end <= 0xffffffffL) {
                    bounds[n++] = end;
                }
            }
        }
        long[] sorted = Arrays.stream(bounds, 0, n).sorted().distinct().toArray();
        int[] starts = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = (int) sorted[i] ^ Integer.MIN_VALUE;
        }
        return new DimensionIndex(starts);
    }

    /** Fills the interval lists with the given rules (ascending), each by its ranges here. */
    void assign(int[][] ranges, int[] rules) {
        IntList[] building = new IntList[starts.length];
        for (int rule : rules) {
            int[] r = ranges[rule];
            for (int i = 0; i < r.length; i += 2) {
                int from = interval(starts, r[i]);
                int to = interval(starts, r[i + 1]);
                for (int k = from; k <= to; k++) {
                    IntList list = building[k] == null ? (building[k] = new IntList()) : building[k];
                    if (list.size == 0 || list.last() != rule) {
                        list.add(rule);
                    }
                }
            }
        }
        for (int i = 0; i < lists.length; i++) {
            lists[i] = building[i] == null ? EMPTY : building[i].toArray();
        }
    }

    /** How many intervals a rule's ranges cover here; listing costs one entry per interval. */
    int span(int[] r) {
        return span(starts, r);
    }

    private static int countBounds(int[][] ranges) {
        int c = 0;
        for (int[] r : ranges) {
            if (r != null) {
                c += r.length;
            }
        }
        return c;
    }

    private static int span(int[] starts, int[] r) {
        int total = 0;
        for (int i = 0; i < r.length; i += 2) {
            total += interval(starts, r[i + 1]) - interval(starts, r[i]) + 1;
        }
        return total;
    }

    /** The elementary interval holding {@code value} (unsigned). */
    static int interval(int[] starts, int value) {
        int key = value ^ Integer.MIN_VALUE;
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int interval(int value) {
        return interval(starts, value);
    }

    int[] list(int interval) {
        return lists[interval];
    }

    int intervals() {
        return starts.length;
    }

    /** A growable int array, used only while compiling. */
    private static final class IntList {
        int[] items = new int[4];
        int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int last() {
            return items[size - 1];
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
