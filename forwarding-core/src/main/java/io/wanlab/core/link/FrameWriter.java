package io.wanlab.core.link;

import static io.wanlab.core.link.FrameFormat.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.wanlab.core.packet.Offload;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes frames into new buffers; shared by the TCP encoder and the datagram codec. */
final class FrameWriter {
    /**
     * Packets up to this size are copied next to their length prefix: a composite component
     * costs more than copying a TCP ACK. Larger packets are referenced, not copied.
     */
    static final int COPY_THRESHOLD = 256;

    private FrameWriter() {
    }

    /**
     * Encodes {@code frame} into one new contiguous buffer the caller owns. Does not release
     * {@code frame}.
     */
    static ByteBuf write(ByteBufAllocator alloc, Frame frame, int maxBodyLength) {
        return switch (frame) {
            case Frame.Hello hello -> writeHello(alloc, hello);
            case Frame.Keepalive keepalive -> writeKeepalive(alloc, keepalive);
            case Frame.Challenge challenge -> {
                ByteBuf out = alloc.buffer(HEADER_LENGTH + FrameFormat.CHALLENGE_BODY);
                writeHeader(out, FrameFormat.TYPE_CHALLENGE, 0, FrameFormat.CHALLENGE_BODY);
                yield out.writeBytes(challenge.nonce());
            }
            case Frame.Data data -> writeData(alloc, data, maxBodyLength, null);
        };
    }

    /**
     * Encodes {@code frame} as buffers added to {@code out} in wire order, each owned by the
     * caller: a Data frame's large packets are referenced (retained slices), not copied, between
     * slices of one buffer holding the header, the length prefixes and the small packets, so the
     * socket's gathering write sends them in place. Separate buffers rather than a composite: a
     * composite costs an object, a component array and a component per piece for every frame,
     * while the channel's outbound entries and the slices are recycled. Does not release
     * {@code frame}.
     */
    static void writeGathered(ByteBufAllocator alloc, Frame frame, int maxBodyLength, List<Object> out) {
        if (frame instanceof Frame.Data data) {
            ByteBuf whole = writeData(alloc, data, maxBodyLength, out);
            if (whole != null) {
                out.add(whole);
            }
        } else {
            out.add(write(alloc, frame, maxBodyLength));
        }
    }

    private static void writeHeader(ByteBuf out, int type, int flags, int bodyLength) {
        out.writeByte(FrameFormat.MAGIC_VERSION);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(bodyLength);
    }

    private static ByteBuf writeHello(ByteBufAllocator alloc, Frame.Hello hello) {
        // Names are validated ASCII, so their length in chars is their length in bytes.
        int bodyLength = 2 + 1 + hello.node().length() + 1 + hello.link().length() + 1 + hello.authTagLength();
        ByteBuf out = alloc.buffer(HEADER_LENGTH + bodyLength);
        writeHeader(out, FrameFormat.TYPE_HELLO, 0, bodyLength);
        out.writeShort(hello.version());
        out.writeByte(hello.node().length());
        out.writeCharSequence(hello.node(), StandardCharsets.US_ASCII);
        out.writeByte(hello.link().length());
        out.writeCharSequence(hello.link(), StandardCharsets.US_ASCII);
        out.writeByte(hello.authTagLength());
        out.writeBytes(hello.authTag());
        return out;
    }

    private static ByteBuf writeKeepalive(ByteBufAllocator alloc, Frame.Keepalive keepalive) {
        ByteBuf out = alloc.buffer(HEADER_LENGTH + FrameFormat.KEEPALIVE_BODY);
        writeHeader(out, FrameFormat.TYPE_KEEPALIVE, keepalive.reply() ? FrameFormat.FLAG_REPLY : 0, FrameFormat.KEEPALIVE_BODY);
        out.writeLong(keepalive.sequence());
        return out;
    }

    /** The entry's offload fields, in virtio_net_hdr order, big-endian; all zero for a plain packet. */
    private static void writeOffload(ByteBuf out, ByteBuf packet, long meta) {
        if (meta == Offload.NONE || meta == Offload.INVALID) {
            out.writeZero(FrameFormat.OFFLOAD_ENTRY);
            return;
        }
        out.writeByte(Offload.flags(meta));
        out.writeByte(Offload.gsoType(meta));
        out.writeShort(Offload.headerLength(packet, meta));
        out.writeShort(Offload.gsoSize(meta));
        out.writeShort(Offload.csumStart(meta));
        out.writeShort(Offload.csumOffset(meta));
    }

    /**
     * The Data frame as one buffer (returned), or, with {@code pieces} and a packet large enough
     * to reference, as pieces added to it in order (null returned).
     */
    private static ByteBuf writeData(ByteBufAllocator alloc, Frame.Data data, int maxBodyLength, List<Object> pieces) {
        boolean gather = pieces != null;
        int bodyLength = data.bodyLength();
        if (bodyLength > maxBodyLength) {
            throw new FrameTooLongException(bodyLength, maxBodyLength);
        }
        int count = data.count();
        boolean offload = data.hasOffloads();
        int entry = offload ? 2 + FrameFormat.OFFLOAD_ENTRY : 2;
        int copiedBytes = 0;
        int referenced = 0;
        for (int i = 0; i < count; i++) {
            int length = data.packet(i).readableBytes();
            if (gather && length > COPY_THRESHOLD) {
                referenced++;
            } else {
                copiedBytes += length;
            }
        }
        // One buffer holds the header, every length prefix and every copied packet; slices of it
        // sit between the referenced packets in the composite.
        ByteBuf head = alloc.ioBuffer(HEADER_LENGTH + 2 + entry * count + copiedBytes);
        writeHeader(head, FrameFormat.TYPE_DATA, offload ? FrameFormat.FLAG_OFFLOAD : 0, bodyLength);
        head.writeShort(count);
        if (referenced == 0) {
            for (int i = 0; i < count; i++) {
                ByteBuf packet = data.packet(i);
                head.writeShort(packet.readableBytes());
                if (offload) {
                    writeOffload(head, packet, data.offload(i));
                }
                head.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
            }
            return head;
        }
        int added = pieces.size();
        try {
            int mark = 0;
            for (int i = 0; i < count; i++) {
                ByteBuf packet = data.packet(i);
                int length = packet.readableBytes();
                head.writeShort(length);
                if (offload) {
                    writeOffload(head, packet, data.offload(i));
                }
                if (length <= COPY_THRESHOLD) {
                    head.writeBytes(packet, packet.readerIndex(), length);
                    continue;
                }
                pieces.add(head.retainedSlice(mark, head.writerIndex() - mark));
                mark = head.writerIndex();
                pieces.add(packet.retainedSlice());
            }
            if (head.writerIndex() > mark) {
                pieces.add(head.retainedSlice(mark, head.writerIndex() - mark));
            }
            return null;
        } catch (RuntimeException e) {
            while (pieces.size() > added) {
                io.netty.util.ReferenceCountUtil.release(pieces.remove(pieces.size() - 1));
            }
            throw e;
        } finally {
            head.release();
        }
    }
}
