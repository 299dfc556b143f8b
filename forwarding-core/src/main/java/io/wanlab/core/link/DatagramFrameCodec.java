package io.wanlab.core.link;

import static io.wanlab.core.link.FrameFormat.HEADER_LENGTH;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Frames as UDP datagram payloads: one frame per datagram, the same header and body as on TCP,
 * and the header's length must account for the datagram exactly. Pure functions; safe from any
 * thread.
 */
public final class DatagramFrameCodec {
    private DatagramFrameCodec() {
    }

    /**
     * Encodes {@code frame} into one contiguous buffer the caller owns (a datagram leaves in one
     * piece, and a NIO datagram channel would copy a composite anyway). Does not release
     * {@code frame}.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Frame frame, int maxBodyLength) {
        requireNonNull(alloc, "alloc");
        requireNonNull(frame, "frame");
        return FrameWriter.write(alloc, frame, FrameFormat.checkMaxBodyLength(maxBodyLength));
    }

    public static ByteBuf encode(ByteBufAllocator alloc, Frame frame) {
        return encode(alloc, frame, FrameFormat.DEFAULT_MAX_BODY_LENGTH);
    }

    /**
     * Decodes the readable bytes of {@code payload} as one frame, without moving its indexes and
     * without releasing it. A Data frame holds retained slices of {@code payload}: the caller
     * releases both the payload (as always) and the frame.
     *
     * @throws FrameException when the payload is not exactly one well-formed frame; the caller
     *                        drops the datagram and counts it
     */
    public static Frame decode(ByteBuf payload, int maxBodyLength) {
        requireNonNull(payload, "payload");
        FrameFormat.checkMaxBodyLength(maxBodyLength);
        int start = payload.readerIndex();
        int size = payload.readableBytes();
        if (size < HEADER_LENGTH) {
            throw new FrameException("datagram: " + size + " bytes (expected: at least a " + HEADER_LENGTH + "-byte frame header)");
        }
        int bodyLength = FrameReader.checkHeader(payload, start, maxBodyLength);
        if (size != HEADER_LENGTH + bodyLength) {
            throw new FrameException("datagram: " + size + " bytes (expected: " + (HEADER_LENGTH + bodyLength)
                    + ", the header's " + bodyLength + "-byte body plus the header)");
        }
        return FrameReader.readBody(payload, start, bodyLength);
    }

    public static Frame decode(ByteBuf payload) {
        return decode(payload, FrameFormat.DEFAULT_MAX_BODY_LENGTH);
    }
}
