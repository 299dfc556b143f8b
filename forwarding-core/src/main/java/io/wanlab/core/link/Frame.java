package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.Recycler;
import java.util.Arrays;
import java.util.List;

/**
 * A frame on a link between two devices. {@link Hello} and {@link Keepalive} are plain values;
 * {@link Data} holds buffers and is reference counted.
 */
public sealed interface Frame {

    /**
     * The first frame each side sends: who it is and which link this is. The tag is opaque here;
     * the caller authenticates the peer with it. {@link #toString()} does not print the tag.
     *
     * @param version the link protocol version the sender speaks, 0..65535
     * @param node    the sender's node name, 1..64 bytes of [a-z0-9-]
     * @param link    the link's name, 1..64 bytes of [a-z0-9-]
     * @param authTag 0..64 opaque bytes; copied in and out, so the record stays immutable
     */
    record Hello(int version, String node, String link, byte[] authTag) implements Frame {
        public Hello {
            if (version < 0 || version > 0xffff) {
                throw new IllegalArgumentException("version: " + version + " (expected: 0..65535)");
            }
            checkName("node", node);
            checkName("link", link);
            requireNonNull(authTag, "authTag");
            if (authTag.length > FrameFormat.MAX_AUTH_TAG_LENGTH) {
                throw new IllegalArgumentException("authTag: " + authTag.length
                        + " bytes (expected: at most " + FrameFormat.MAX_AUTH_TAG_LENGTH + ")");
            }
            authTag = authTag.clone();
        }

        @Override
        public byte[] authTag() {
            return authTag.clone();
        }

        /** Length of the tag without copying it. */
        public int authTagLength() {
            return authTag.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h && version == h.version && node.equals(h.node)
                    && link.equals(h.link) && Arrays.equals(authTag, h.authTag);
        }

        @Override
        public int hashCode() {
            return ((version * 31 + node.hashCode()) * 31 + link.hashCode()) * 31 + Arrays.hashCode(authTag);
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", node=" + node + ", link=" + link
                    + ", authTag=" + authTag.length + " bytes]";
        }

        /** Whether {@code name} is a valid node or link name; the decoder uses it to reject bad Hellos. */
        public static boolean isValidName(String name) {
            if (name == null || name.isEmpty() || name.length() > FrameFormat.MAX_NAME_LENGTH) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
            return true;
        }

        private static void checkName(String what, String name) {
            requireNonNull(name, what);
            if (!isValidName(name)) {
                throw new IllegalArgumentException(what + ": '" + name + "' (expected: 1.."
                        + FrameFormat.MAX_NAME_LENGTH + " characters of [a-z0-9-])");
            }
        }
    }

    /**
     * Liveness probe. A side answers a keepalive with {@code reply == true} and the same sequence.
     */
    record Keepalive(long sequence, boolean reply) implements Frame {
    }

    /**
     * The listener's first and only frame before the dialer proves the secret: a fresh nonce the
     * dialer's Hello must answer, so a Hello captured from another connection is worthless.
     *
     * @param nonce exactly {@link FrameFormat#CHALLENGE_BODY} bytes; copied in and out
     */
    record Challenge(byte[] nonce) implements Frame {
        public Challenge {
            requireNonNull(nonce, "nonce");
            if (nonce.length != FrameFormat.CHALLENGE_BODY) {
                throw new IllegalArgumentException("nonce: " + nonce.length + " bytes (expected: " + FrameFormat.CHALLENGE_BODY + ")");
            }
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge c && Arrays.equals(nonce, c.nonce);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "Challenge[" + nonce.length + " bytes]";
        }
    }

    /**
     * A batch of one or more inner IP packets.
     *
     * <p>Ownership: a Data frame owns one reference to each of its packet buffers and releases
     * them all when its own reference count drops to zero. The factories take over the
     * caller's reference to every packet passed in, also when they throw (the packets are then
     * released). {@link #packet(int)} lends a buffer that stays valid until this frame is
     * released: a consumer that keeps a packet longer calls {@code retain()} on it (or
     * {@code retainedSlice()}) and releases that reference itself. Readers must not move a lent
     * packet's reader index if others will read it too; use absolute gets or a slice.
     *
     * <p>Frames from {@link FrameDecoder} and {@link DatagramFrameCodec} hold retained slices of
     * the one buffer the frame arrived in; no packet byte is copied.
     *
     * <p>Not thread-safe beyond what {@link io.netty.util.ReferenceCounted} guarantees: hand a
     * frame from one thread to another, do not share it.
     *
     * <p>The frames the link code makes itself ({@link FrameBatcher}, {@link FrameReader}) come
     * from a Netty {@link Recycler} with arrays for {@link #POOLED_CAPACITY} packets and go back
     * to it when released, so a frame allocates nothing in the steady state: do not touch a frame
     * after releasing it (as with any pooled Netty object).
     */
    final class Data extends AbstractReferenceCounted implements Frame {
        /** Packets a pooled frame holds at most (a link's frames hold up to 64); larger ones are made per frame. */
        static final int POOLED_CAPACITY = 64;

        private static final Recycler<Data> POOL = new Recycler<>() {
            @Override
            protected Data newObject(Handle<Data> handle) {
                return new Data(new ByteBuf[POOLED_CAPACITY], new long[POOLED_CAPACITY], handle);
            }
        };

        private final ByteBuf[] packets;
        /** Each packet's {@link io.wanlab.core.packet.Offload} metadata; null when every packet is plain and the frame was adopted. */
        private final long[] offloads;
        private final Recycler.Handle<Data> handle;
        private int count;
        private boolean hasOffloads;
        private int packetBytes;

        private Data(ByteBuf[] packets, long[] offloads) {
            this.packets = packets;
            this.offloads = offloads;
            this.handle = null;
            this.count = packets.length;
            this.hasOffloads = offloads != null;
            int bytes = 0;
            for (ByteBuf p : packets) {
                bytes += p.readableBytes();
            }
            this.packetBytes = bytes;
        }

        private Data(ByteBuf[] packets, long[] offloads, Recycler.Handle<Data> handle) {
            this.packets = packets;
            this.offloads = offloads;
            this.handle = handle;
        }

        /**
         * An empty frame for up to {@code capacity} packets, filled with {@link #append}: pooled
         * when it fits {@link #POOLED_CAPACITY}. A frame must get at least one packet before it is
         * sent or read.
         */
        static Data open(int capacity) {
            if (capacity > POOLED_CAPACITY) {
                return new Data(new ByteBuf[capacity], new long[capacity], null);
            }
            Data d = POOL.get();
            d.setRefCnt(1);
            return d;
        }

        /** Adds a packet (takes over the caller's reference) with its offload metadata. */
        void append(ByteBuf packet, long offload) {
            packets[count] = packet;
            offloads[count] = offload;
            count++;
            packetBytes += packet.readableBytes();
            hasOffloads |= offload != 0L;
        }

        /** Marks the frame as carrying offload fields even if every entry is plain (as it came on the wire). */
        void markOffloads() {
            hasOffloads = true;
        }

        /** Room for this many packets. */
        int capacity() {
            return packets.length;
        }

        /** One packet; takes over the caller's reference. */
        public static Data of(ByteBuf packet) {
            requireNonNull(packet, "packet");
            return adopt(new ByteBuf[] {packet});
        }

        /** Packets in order; takes over the caller's reference to each. */
        public static Data of(ByteBuf... packets) {
            requireNonNull(packets, "packets");
            return adopt(packets.clone());
        }

        /** Packets in order; takes over the caller's reference to each. */
        public static Data of(List<ByteBuf> packets) {
            requireNonNull(packets, "packets");
            return adopt(packets.toArray(new ByteBuf[0]));
        }

        /** Takes the array itself (no copy): the caller must not touch it afterwards. */
        static Data adopt(ByteBuf[] packets) {
            return adopt(packets, null);
        }

        /**
         * Packets with their offload metadata (same length; null when all are plain). Takes both
         * arrays itself (no copy) and the caller's reference to each packet.
         */
        public static Data adopt(ByteBuf[] packets, long[] offloads) {
            String problem = problem(packets);
            if (problem == null && offloads != null && offloads.length != packets.length) {
                problem = "offloads: " + offloads.length + " (expected: " + packets.length + ", one per packet)";
            }
            if (problem != null) {
                releaseAll(packets);
                throw new IllegalArgumentException(problem);
            }
            return new Data(packets, offloads);
        }

        private static String problem(ByteBuf[] packets) {
            if (packets.length == 0 || packets.length > FrameFormat.MAX_PACKETS) {
                return "packets: " + packets.length + " (expected: 1.." + FrameFormat.MAX_PACKETS + ")";
            }
            for (int i = 0; i < packets.length; i++) {
                if (packets[i] == null) {
                    return "packets[" + i + "]: null (expected: a buffer)";
                }
                int length = packets[i].readableBytes();
                if (length < 1 || length > FrameFormat.MAX_PACKET_LENGTH) {
                    return "packets[" + i + "]: " + length + " bytes (expected: 1.." + FrameFormat.MAX_PACKET_LENGTH + ")";
                }
            }
            return null;
        }

        private static void releaseAll(ByteBuf[] packets) {
            for (ByteBuf p : packets) {
                if (p != null && p.refCnt() > 0) {
                    p.release();
                }
            }
        }

        public int count() {
            return count;
        }

        /** Lends packet {@code index}; see the class comment for how long it stays valid. */
        public ByteBuf packet(int index) {
            if (refCnt() == 0) {
                throw new IllegalReferenceCountException(0);
            }
            return packets[index];
        }

        /** Packet {@code index}'s offload metadata ({@code Offload.NONE} for a plain packet, {@code Offload.INVALID} when it failed the decoder's check). */
        public long offload(int index) {
            return offloads == null || index >= count ? 0L : offloads[index];
        }

        /** Whether the frame carries offload metadata (goes on the wire with {@link FrameFormat#FLAG_OFFLOAD}). */
        public boolean hasOffloads() {
            return hasOffloads;
        }

        /** Sum of the packets' lengths. */
        public int packetBytes() {
            return packetBytes;
        }

        /** Length of this frame's body on the wire. */
        public int bodyLength() {
            return (int) FrameFormat.dataBodyLength(count, packetBytes, hasOffloads);
        }

        @Override
        protected void deallocate() {
            for (int i = 0; i < count; i++) {
                packets[i].release();
            }
            if (handle != null) {
                Arrays.fill(packets, 0, count, null);
                count = 0;
                packetBytes = 0;
                hasOffloads = false;
                handle.recycle(this);
            }
        }

        @Override
        public Data touch(Object hint) {
            for (int i = 0; i < count; i++) {
                packets[i].touch(hint);
            }
            return this;
        }

        @Override
        public Data retain() {
            super.retain();
            return this;
        }

        @Override
        public Data retain(int increment) {
            super.retain(increment);
            return this;
        }

        @Override
        public Data touch() {
            return touch(null);
        }

        @Override
        public String toString() {
            return "Data[packets=" + count + ", bytes=" + packetBytes + ", refCnt=" + refCnt() + "]";
        }
    }
}
