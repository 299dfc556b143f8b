package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * Gathers the packets of one read batch into Data frames for one link: call {@link #add} per
 * packet in {@code channelRead} and {@link #flush} in {@code channelReadComplete}. A frame is
 * emitted early when it reaches the packet limit or when the next packet would break the byte
 * limit, so no frame exceeds either.
 *
 * <p>Ownership: {@link #add} takes over the caller's reference to the packet in every case.
 * Each emitted frame passes to the sink, which owns it from then on (usually
 * {@code channel.write(frame)}). {@link #discard} releases what is pending without emitting.
 *
 * <p>Not thread-safe: one instance belongs to the event loop that reads the packets. Packets go
 * straight into a pooled {@link Frame.Data} (no array copied per frame), so batching allocates
 * nothing in the steady state.
 */
public final class FrameBatcher {
    private final int maxPackets;
    private final int maxBodyBytes;
    private final Consumer<? super Frame.Data> sink;
    /** Packets per frame at most: the packet limit or how many one-byte packets the byte limit admits. */
    private final int capacity;
    private Frame.Data pending;
    private boolean anyOffload;
    private int count;
    private int bodyBytes;
    private long oversizeDrops;

    /**
     * @param maxPackets   1..65535 packets per frame
     * @param maxBodyBytes the most body bytes per frame (count, length prefixes and packets);
     *                     keep it at or below the peer decoder's maximum body length
     * @param sink         receives each emitted frame and owns it
     */
    public FrameBatcher(int maxPackets, int maxBodyBytes, Consumer<? super Frame.Data> sink) {
        if (maxPackets < 1 || maxPackets > FrameFormat.MAX_PACKETS) {
            throw new IllegalArgumentException("maxPackets: " + maxPackets + " (expected: 1.." + FrameFormat.MAX_PACKETS + ")");
        }
        if (maxBodyBytes < FrameFormat.MIN_DATA_BODY || maxBodyBytes > FrameFormat.MAX_CONFIGURABLE_MAX_BODY) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes
                    + " (expected: " + FrameFormat.MIN_DATA_BODY + ".." + FrameFormat.MAX_CONFIGURABLE_MAX_BODY + ")");
        }
        this.maxPackets = maxPackets;
        this.maxBodyBytes = maxBodyBytes;
        this.sink = requireNonNull(sink, "sink");
        this.capacity = Math.min(maxPackets, (maxBodyBytes - 2) / 3);
    }

    /**
     * Adds one packet, emitting the pending frame first if this packet would not fit in it.
     * Returns false, and releases the packet, when it is empty or too large to travel in any
     * frame under these limits; the caller counts the drop.
     */
    public boolean add(ByteBuf packet) {
        return add(packet, 0L);
    }

    /**
     * Like {@link #add(ByteBuf)}, with the packet's offload metadata: a frame holding any packet
     * with metadata goes out with {@link FrameFormat#FLAG_OFFLOAD} (its entries then take
     * {@link FrameFormat#OFFLOAD_ENTRY} bytes more each).
     */
    public boolean add(ByteBuf packet, long offload) {
        requireNonNull(packet, "packet");
        int length = packet.readableBytes();
        int extra = offload != 0L ? FrameFormat.OFFLOAD_ENTRY : 0;
        if (length < 1 || length > FrameFormat.MAX_PACKET_LENGTH || 2 + 2 + extra + length > maxBodyBytes) {
            packet.release();
            oversizeDrops++;
            return false;
        }
        boolean offloadAfter = anyOffload || offload != 0L;
        if (count > 0 && bodyBytes + 2 + length + (offloadAfter ? FrameFormat.OFFLOAD_ENTRY * (count + 1) : 0) > maxBodyBytes) {
            flush();
        }
        if (count == 0) {
            bodyBytes = 2;
            pending = Frame.Data.open(capacity);
        }
        pending.append(packet, offload);
        count++;
        anyOffload |= offload != 0L;
        bodyBytes += 2 + length;
        if (count == capacity) {
            flush();
        }
        return true;
    }

    /** Emits the pending packets as one frame; does nothing when none are pending. */
    public void flush() {
        if (count == 0) {
            return;
        }
        Frame.Data frame = pending;
        reset();
        sink.accept(frame);
    }

    /** Releases the pending packets without emitting them (the link went away). */
    public void discard() {
        if (pending != null) {
            pending.release();
        }
        reset();
    }

    public int pendingPackets() {
        return count;
    }

    /** Body bytes the pending frame would have (0 when nothing is pending). */
    public int pendingBodyBytes() {
        return bodyBytes + (anyOffload ? FrameFormat.OFFLOAD_ENTRY * count : 0);
    }

    /** Packets refused by {@link #add} since this batcher was made. */
    public long oversizeDrops() {
        return oversizeDrops;
    }

    private void reset() {
        pending = null;
        count = 0;
        anyOffload = false;
        bodyBytes = 0;
    }
}
