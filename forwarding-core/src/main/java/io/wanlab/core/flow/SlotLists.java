package io.wanlab.core.flow;

import java.util.Arrays;

/**
 * Doubly linked lists threaded through slot numbers in two {@code int[]}s, so that membership
 * changes cost O(1) and no node objects. A slot is on at most one list; callers track which.
 */
final class SlotLists {
    static final int NONE = -1;

    private final int[] prev;
    private final int[] next;
    private final int[] first;
    private final int[] last;

    SlotLists(int slots, int lists) {
        this.prev = new int[slots];
        this.next = new int[slots];
        this.first = new int[lists];
        this.last = new int[lists];
        Arrays.fill(first, NONE);
        Arrays.fill(last, NONE);
    }

    int first(int list) {
        return first[list];
    }

    void addLast(int list, int slot) {
        int tail = last[list];
        prev[slot] = tail;
        next[slot] = NONE;
        if (tail == NONE) {
            first[list] = slot;
        } else {
            next[tail] = slot;
        }
        last[list] = slot;
    }

    void unlink(int list, int slot) {
        int p = prev[slot];
        int n = next[slot];
        if (p == NONE) {
            first[list] = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            last[list] = p;
        } else {
            prev[n] = p;
        }
    }

    /** Removes and returns the first slot of the list, or {@link #NONE}. */
    int removeFirst(int list) {
        int slot = first[list];
        if (slot != NONE) {
            unlink(list, slot);
        }
        return slot;
    }
}
