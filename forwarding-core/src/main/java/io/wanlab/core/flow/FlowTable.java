package io.wanlab.core.flow;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.Transport;

/**
 * The flow table of a forwarding core: one lookup per packet finds a flow in either direction.
 *
 * <p><b>Threading.</b> Not thread-safe. One event loop owns a table and makes every call on it,
 * listeners and visitors included; hand flows to another loop by message, not by sharing.
 *
 * <p><b>Slots.</b> A flow lives in a slot, an int in {@code 0..capacity-1} through which its fields
 * are read and written. A slot is valid only until the next insert ({@link #lookupOrCreate}, which
 * may evict), {@link #remove} or {@link #expire}: each may drop a flow and hand its slot to another.
 * After any of them look the flow up again, or keep its {@link #flowId} and compare. Per-slot
 * accessors do not check the slot, because they run per packet.
 *
 * <p><b>Memory.</b> Every array is allocated once at construction, sized for the configured
 * capacity (about 120 bytes per flow, see {@link #memoryBytes}); lookups, inserts, updates, removal
 * and expiry allocate nothing and box nothing.
 *
 * <p><b>Eviction.</b> When the table is full, {@link #lookupOrCreate} makes room in bounded steps:
 * <ol>
 *   <li>an {@link #expire} step over the next {@value #SAMPLE} slots at the clock hand;</li>
 *   <li>else, if at least 1/{@value #CANDIDATE_SHARE} of the table are <em>candidates</em>, the
 *       oldest candidate. A candidate is a flow that is not (or no longer) two-way: TCP that is
 *       half-open or closing, UDP or other that never got a reply. They are kept in the order they
 *       became one, so a flood of new flows (SYN flood, UDP spray) pushes out its own oldest
 *       members and not the established flows;</li>
 *   <li>else the least recently seen of the next {@value #SAMPLE} slots at the clock hand, so
 *       that a table full of two-way flows still lets new flows in by dropping stale ones.</li>
 * </ol>
 * A victim already idle past its timeout counts as expired, any other as evicted, by kind.
 */
public final class FlowTable {
    public static final int NO_RULE = -1;
    public static final int NO_LINK = -1;
    /** The highest link id a flow can record (they are stored as shorts to keep entries small). */
    public static final int MAX_LINK = Short.MAX_VALUE;
    static final int SAMPLE = 8;
    static final int CANDIDATE_SHARE = 8;

    private static final FlowRemovalListener IGNORE = (table, slot, kind, cause) -> { };
    private static final Transport[] TRANSPORTS = Transport.values();
    private static final int TCP = 6;
    private static final int FREE = 0;
    private static final int CANDIDATES = 1;
    private static final byte LIVE = 1;
    private static final byte INITIATOR_LOW = 2;
    private static final byte CANDIDATE = 4;

    private final int capacity;
    /** Candidates needed before they, not the least recently seen, are evicted. */
    private final int candidateThreshold;
    private final long[] idleNanos = new long[FlowKind.COUNT];
    private final long[] keys;
    private final FlowIndex index;
    private final SlotLists lists;
    private final long[] flowIds;
    private final long[] lastSeen;
    private final long[] forwardPackets;
    private final long[] reversePackets;
    private final long[] forwardBytes;
    private final long[] reverseBytes;
    private final int[] ruleIndex;
    private final int[] appState;
    private final short[] forwardLink;
    private final short[] reverseLink;
    private final byte[] flags;
    private final byte[] state;
    private final byte[] transport;
    private final byte[] tcpBits;
    private final int[] synSeq;
    private final long[] evictions = new long[FlowKind.COUNT];
    private final long[] expirations = new long[FlowKind.COUNT];

    private FlowRemovalListener listener = IGNORE;
    private int size;
    private int candidateCount;
    /** Slots at or past this were never used; the sweep stays below it. */
    private int highWater;
    private int hand;
    private long nextFlowId = 1;
    private long inserts;
    private long removes;

    public FlowTable(FlowTableConfig config) {
        this(requireNonNull(config, "config"), -1L, 0L);
    }

    /** With a squeezed hash ({@code hash & hashAnd ^ hashXor}), so tests can force collision clusters. */
    FlowTable(FlowTableConfig config, long hashAnd, long hashXor) {
        capacity = config.capacity();
        candidateThreshold = Math.max(1, capacity / CANDIDATE_SHARE);
        for (FlowKind kind : FlowKind.values()) {
            idleNanos[kind.ordinal()] = config.idle(kind).toNanos();
        }
        keys = new long[2 * capacity];
        index = new FlowIndex(capacity, keys, hashAnd, hashXor);
        lists = new SlotLists(capacity, 2);
        flowIds = new long[capacity];
        lastSeen = new long[capacity];
        forwardPackets = new long[capacity];
        reversePackets = new long[capacity];
        forwardBytes = new long[capacity];
        reverseBytes = new long[capacity];
        ruleIndex = new int[capacity];
        appState = new int[capacity];
        forwardLink = new short[capacity];
        reverseLink = new short[capacity];
        flags = new byte[capacity];
        state = new byte[capacity];
        transport = new byte[capacity];
        tcpBits = new byte[capacity];
        synSeq = new int[capacity];
    }

    /** Replaces the listener told about expiries and evictions; {@code null} clears it. */
    public void setRemovalListener(FlowRemovalListener newListener) {
        listener = newListener == null ? IGNORE : newListener;
    }

    /**
     * The slot of the flow with this 5-tuple in either direction, or -1. Addresses are IPv4 as
     * {@code int}s; only the low 8 bits of the protocol and the low 16 bits of the ports count.
     */
    public int lookup(int src, int dst, int protocol, int srcPort, int dstPort) {
        long a = FlowKey.endpoint(src, srcPort);
        long b = FlowKey.endpoint(dst, dstPort);
        long low = FlowKey.low(a, b, protocol);
        long high = FlowKey.high(a, b);
        return index.find(index.hash(low, high), low, high);
    }

    /**
     * {@link #lookup(int, int, int, int, int)} for every 5-tuple of the batch at once; the i-th
     * slot (or -1) is then {@code batch.slot(i)}. Faster per tuple when the table is bigger than
     * the caches, because the cache misses overlap (see {@link FlowLookupBatch}). Only looks up:
     * creating flows stays one by one ({@link #lookupOrCreate}), and any insert or removal makes
     * the batch's slots as stale as any other slot.
     */
    public void lookup(FlowLookupBatch batch) {
        index.findAll(requireNonNull(batch, "batch"));
    }

    /**
     * The slot of the flow with this 5-tuple in either direction; if there is none, creates one
     * whose initiator (forward direction) is this packet's source, in state {@link FlowState#NEW},
     * with no rule, transport or links and zero counters. Never fails: a full table makes room
     * first (see the class comment). Does not count the packet; call {@link #touch} for that.
     * Protocols without ports pass 0 (or, for ICMP echo, the identifier) for both ports.
     */
    public int lookupOrCreate(int src, int dst, int protocol, int srcPort, int dstPort, long nowNanos) {
        long a = FlowKey.endpoint(src, srcPort);
        long b = FlowKey.endpoint(dst, dstPort);
        long low = FlowKey.low(a, b, protocol);
        long high = FlowKey.high(a, b);
        long hash = index.hash(low, high);
        int found = index.find(hash, low, high);
        if (found >= 0) {
            return found;
        }
        if (size == capacity) {
            makeRoom(nowNanos);
        }
        int slot = lists.removeFirst(FREE);
        if (slot == SlotLists.NONE) {
            slot = highWater++;
        }
        keys[2 * slot] = low;
        keys[2 * slot + 1] = high;
        index.insert(hash, slot);
        flags[slot] = (byte) (LIVE | CANDIDATE | (a <= b ? INITIATOR_LOW : 0));
        lists.addLast(CANDIDATES, slot);
        candidateCount++;
        flowIds[slot] = nextFlowId++;
        lastSeen[slot] = nowNanos;
        forwardPackets[slot] = 0;
        reversePackets[slot] = 0;
        forwardBytes[slot] = 0;
        reverseBytes[slot] = 0;
        ruleIndex[slot] = NO_RULE;
        appState[slot] = 0;
        forwardLink[slot] = NO_LINK;
        reverseLink[slot] = NO_LINK;
        state[slot] = (byte) FlowState.NEW.ordinal();
        transport[slot] = -1;
        tcpBits[slot] = 0;
        synSeq[slot] = 0;
        size++;
        inserts++;
        return slot;
    }

    /**
     * Whether a packet from {@code src:srcPort} travels in the initiator's direction. When both
     * endpoints are the same, both directions are forward.
     */
    public boolean isForward(int slot, int src, int srcPort) {
        return FlowKey.endpoint(src, srcPort) == initiatorEndpoint(slot);
    }

    /** Counts one packet of {@code bytes} in the given direction and marks the flow seen at {@code nowNanos}. */
    public void touch(int slot, long nowNanos, boolean forward, int bytes) {
        lastSeen[slot] = nowNanos;
        if (forward) {
            forwardPackets[slot]++;
            forwardBytes[slot] += bytes;
            return;
        }
        reversePackets[slot]++;
        reverseBytes[slot] += bytes;
        if ((flags[slot] & CANDIDATE) != 0) {
            reclassify(slot);
        }
    }

    /** Feeds one TCP segment's flags byte to the flow's {@link TcpTracker} bits; returns the new bits. */
    public int onTcpSegment(int slot, int tcpFlags, boolean forward) {
        int before = tcpBits[slot];
        boolean otherDirectionSeen = (forward ? reversePackets[slot] : forwardPackets[slot]) > 0;
        int after = TcpTracker.update(before, tcpFlags, forward, otherDirectionSeen);
        if (after != before) {
            tcpBits[slot] = (byte) after;
            reclassify(slot);
        }
        return after;
    }

    /**
     * The sequence number of the initiator's SYN (its ISN), as the caller recorded it with
     * {@link #setSynSeq}; 0 until then. Tells a retransmitted SYN from a new connection's.
     */
    public int synSeq(int slot) {
        return synSeq[slot];
    }

    public void setSynSeq(int slot, int seq) {
        synSeq[slot] = seq;
    }

    /**
     * Whether the flow has been idle past its kind's timeout at {@code nowNanos}: it would expire at
     * the next sweep that reaches it, so a packet now belongs to a new flow, not to this one.
     */
    public boolean isIdle(int slot, long nowNanos) {
        return isIdle(slot, kind(slot), nowNanos);
    }

    public int tcpBits(int slot) {
        return tcpBits[slot];
    }

    /** Sets the {@link TcpTracker} bits directly, for callers that track TCP themselves. */
    public void setTcpBits(int slot, int bits) {
        if ((bits & ~TcpTracker.ALL) != 0) {
            throw new IllegalArgumentException("tcpBits: " + bits + " (expected: a subset of TcpTracker.ALL = " + TcpTracker.ALL + ")");
        }
        tcpBits[slot] = (byte) bits;
        reclassify(slot);
    }

    /** Removes a live flow; the listener is not told (the caller knows). */
    public void remove(int slot) {
        if (!isLive(slot)) {
            throw new IllegalArgumentException("slot: " + slot + " (expected: a live flow's slot)");
        }
        removes++;
        drop(slot);
    }

    /**
     * Advances the clock hand over at most {@code maxEntries} slots (never more than once round the
     * used slots) and removes the flows idle past their kind's timeout. Returns how many expired.
     */
    public int expire(long nowNanos, int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 0)");
        }
        int visits = Math.min(maxEntries, highWater);
        int expired = 0;
        for (int i = 0; i < visits; i++) {
            int slot = advanceHand();
            if ((flags[slot] & LIVE) != 0 && isIdle(slot, kind(slot), nowNanos)) {
                dropOnItsOwn(slot, kind(slot), RemovalCause.EXPIRED);
                expired++;
            }
        }
        return expired;
    }

    /** Visits every live flow in slot order; not for the fast path. */
    public void forEach(FlowVisitor visitor) {
        requireNonNull(visitor, "visitor");
        for (int slot = 0; slot < highWater; slot++) {
            if ((flags[slot] & LIVE) != 0) {
                visitor.visit(this, slot);
            }
        }
    }

    public boolean isLive(int slot) {
        return slot >= 0 && slot < highWater && (flags[slot] & LIVE) != 0;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public FlowTableStats stats() {
        return new FlowTableStats(size, capacity, inserts, removes,
                FlowKindCounts.of(evictions), FlowKindCounts.of(expirations), memoryBytes());
    }

    /** Bytes held by the table's arrays (fixed at construction). */
    public long memoryBytes() {
        long perSlot = 2 * Long.BYTES // key
                + 6 * Long.BYTES // flow id, last seen, packets and bytes each way
                + 3 * Integer.BYTES // rule index, app state, SYN sequence number
                + 2 * Short.BYTES // links
                + 4 // flags, state, transport, TCP bits
                + 2 * Integer.BYTES; // list links
        return perSlot * capacity + 2L * Long.BYTES * index.cellCount();
    }

    public long flowId(int slot) {
        return flowIds[slot];
    }

    public int protocol(int slot) {
        return FlowKey.protocol(keys[2 * slot]);
    }

    public FlowKind kind(int slot) {
        return FlowKind.classify(protocol(slot), tcpBits[slot]);
    }

    public int initiatorIp(int slot) {
        return FlowKey.ip(initiatorEndpoint(slot));
    }

    public int initiatorPort(int slot) {
        return FlowKey.port(initiatorEndpoint(slot));
    }

    public int responderIp(int slot) {
        return FlowKey.ip(responderEndpoint(slot));
    }

    public int responderPort(int slot) {
        return FlowKey.port(responderEndpoint(slot));
    }

    public FlowState state(int slot) {
        return FlowState.ofOrdinal(state[slot]);
    }

    public void setState(int slot, FlowState newState) {
        state[slot] = (byte) newState.ordinal();
    }

    /** The transport the flow currently takes, or {@code null} while none is chosen. */
    public Transport transport(int slot) {
        int ordinal = transport[slot];
        return ordinal < 0 ? null : TRANSPORTS[ordinal];
    }

    /** Sets the transport; {@code null} means none chosen yet. */
    public void setTransport(int slot, Transport newTransport) {
        transport[slot] = (byte) (newTransport == null ? -1 : newTransport.ordinal());
    }

    /** The index of the rule that decided the flow, or {@link #NO_RULE}. */
    public int ruleIndex(int slot) {
        return ruleIndex[slot];
    }

    public void setRuleIndex(int slot, int rule) {
        if (rule < NO_RULE) {
            throw new IllegalArgumentException("rule: " + rule + " (expected: >= -1)");
        }
        ruleIndex[slot] = rule;
    }

    /** The link on which the latest forward packet arrived, or {@link #NO_LINK}. */
    public int forwardLink(int slot) {
        return forwardLink[slot];
    }

    public void setForwardLink(int slot, int link) {
        forwardLink[slot] = checkLink(link);
    }

    /** The link on which the latest reverse packet arrived, or {@link #NO_LINK}. */
    public int reverseLink(int slot) {
        return reverseLink[slot];
    }

    public void setReverseLink(int slot, int link) {
        reverseLink[slot] = checkLink(link);
    }

    public long lastSeenNanos(int slot) {
        return lastSeen[slot];
    }

    public long forwardPackets(int slot) {
        return forwardPackets[slot];
    }

    public long reversePackets(int slot) {
        return reversePackets[slot];
    }

    public long forwardBytes(int slot) {
        return forwardBytes[slot];
    }

    public long reverseBytes(int slot) {
        return reverseBytes[slot];
    }

    /** An int the caller keeps per flow (e.g. an identification stage); 0 at creation. */
    public int appState(int slot) {
        return appState[slot];
    }

    public void setAppState(int slot, int value) {
        appState[slot] = value;
    }

    private long initiatorEndpoint(int slot) {
        return (flags[slot] & INITIATOR_LOW) != 0 ? FlowKey.lowEndpoint(keys[2 * slot]) : keys[2 * slot + 1];
    }

    private long responderEndpoint(int slot) {
        return (flags[slot] & INITIATOR_LOW) != 0 ? keys[2 * slot + 1] : FlowKey.lowEndpoint(keys[2 * slot]);
    }

    private static short checkLink(int link) {
        if (link < NO_LINK || link > MAX_LINK) {
            throw new IllegalArgumentException("link: " + link + " (expected: -1.." + MAX_LINK + ")");
        }
        return (short) link;
    }

    private boolean isIdle(int slot, FlowKind kind, long nowNanos) {
        return nowNanos - lastSeen[slot] >= idleNanos[kind.ordinal()];
    }

    /** Keeps the candidate list equal to the flows that are not two-way (see the class comment). */
    private void reclassify(int slot) {
        boolean candidate = protocol(slot) == TCP
                ? kind(slot) != FlowKind.TCP_ESTABLISHED
                : reversePackets[slot] == 0;
        boolean listed = (flags[slot] & CANDIDATE) != 0;
        if (candidate == listed) {
            return;
        }
        if (candidate) {
            lists.addLast(CANDIDATES, slot);
            flags[slot] |= CANDIDATE;
            candidateCount++;
        } else {
            lists.unlink(CANDIDATES, slot);
            flags[slot] &= (byte) ~CANDIDATE;
            candidateCount--;
        }
    }

    private void makeRoom(long nowNanos) {
        if (expire(nowNanos, SAMPLE) > 0) {
            return;
        }
        int victim = candidateCount >= candidateThreshold
                ? lists.first(CANDIDATES)
                : leastRecentlySeenAtHand(nowNanos);
        FlowKind kind = kind(victim);
        dropOnItsOwn(victim, kind, isIdle(victim, kind, nowNanos) ? RemovalCause.EXPIRED : RemovalCause.EVICTED);
    }

    /** Only called when full, so every slot the hand passes is live. */
    private int leastRecentlySeenAtHand(long nowNanos) {
        int victim = hand;
        long oldestAge = Long.MIN_VALUE;
        int samples = Math.min(SAMPLE, highWater);
        for (int i = 0; i < samples; i++) {
            int slot = advanceHand();
            long age = nowNanos - lastSeen[slot];
            if (age > oldestAge) {
                oldestAge = age;
                victim = slot;
            }
        }
        return victim;
    }

    private int advanceHand() {
        int slot = hand;
        hand = slot + 1 == highWater ? 0 : slot + 1;
        return slot;
    }

    private void dropOnItsOwn(int slot, FlowKind kind, RemovalCause cause) {
        (cause == RemovalCause.EXPIRED ? expirations : evictions)[kind.ordinal()]++;
        listener.onRemoved(this, slot, kind, cause);
        drop(slot);
    }

    private void drop(int slot) {
        index.remove(slot);
        if ((flags[slot] & CANDIDATE) != 0) {
            lists.unlink(CANDIDATES, slot);
            candidateCount--;
        }
        flags[slot] = 0;
        lists.addLast(FREE, slot);
        size--;
    }
}
