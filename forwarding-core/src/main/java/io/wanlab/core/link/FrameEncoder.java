package io.wanlab.core.link;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes {@link Frame}s for a TCP link. A Data frame's large packets go out as buffers of their
 * own between the pieces of its header (the socket's gathering write sends them in place); small ones are copied
 * next to their length prefix. The encoder releases each frame it encodes (Netty's rule for
 * {@link MessageToMessageEncoder}). A Data frame longer than the configured maximum fails the
 * write with a {@link FrameTooLongException} rather than send what the peer would refuse.
 * Stateless, so one instance may serve many channels.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    private final int maxBodyLength;

    public FrameEncoder() {
        this(FrameFormat.DEFAULT_MAX_BODY_LENGTH);
    }

    public FrameEncoder(int maxBodyLength) {
        super(Frame.class);
        this.maxBodyLength = FrameFormat.checkMaxBodyLength(maxBodyLength);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        FrameWriter.writeGathered(ctx.alloc(), frame, maxBodyLength, out);
    }
}
