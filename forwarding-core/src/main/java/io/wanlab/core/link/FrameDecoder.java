package io.wanlab.core.link;

import static io.wanlab.core.link.FrameFormat.HEADER_LENGTH;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Decodes {@link Frame}s from a TCP link's byte stream. The header is checked as soon as its
 * seven bytes are in, so a length beyond the maximum, a bad magic or an impossible type is
 * refused before any body byte is buffered; at most one maximum-size frame is ever held.
 *
 * <p>On any malformed frame it raises a {@link FrameException} (frames decoded before it are
 * delivered first), closes the channel and ignores every later byte: a stream with a bad frame
 * has no trustworthy next boundary, so it does not try to resync. Bytes of an unfinished frame
 * when the channel goes inactive raise a {@link FrameException} too.
 *
 * <p>A Data frame holds retained slices of the inbound buffer; whoever reads it releases it.
 * One instance per channel (it keeps the cumulation and the failed state).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxBodyLength;
    private boolean failed;

    public FrameDecoder() {
        this(FrameFormat.DEFAULT_MAX_BODY_LENGTH);
    }

    public FrameDecoder(int maxBodyLength) {
        this.maxBodyLength = FrameFormat.checkMaxBodyLength(maxBodyLength);
    }

    public int maxBodyLength() {
        return maxBodyLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        int bodyLength;
        Frame frame;
        try {
            bodyLength = FrameReader.checkHeader(in, start, maxBodyLength);
            if (in.readableBytes() < HEADER_LENGTH + bodyLength) {
                return;
            }
            frame = FrameReader.readBody(in, start, bodyLength);
        } catch (FrameException e) {
            throw fail(ctx, in, e);
        }
        in.skipBytes(HEADER_LENGTH + bodyLength);
        out.add(frame);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            throw fail(ctx, in, new FrameException("truncated frame: " + in.readableBytes()
                    + " bytes left when the link closed (expected: whole frames only)"));
        }
    }

    private FrameException fail(ChannelHandlerContext ctx, ByteBuf in, FrameException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.close();
        return e;
    }
}
