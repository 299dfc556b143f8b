package io.wanlab.core.link;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link Frame}s for a TCP link. A Data frame's large packets go out as buffers of their
 * own between the pieces of its header (the socket's gathering write sends them in place); small
 * ones are copied next to their length prefix. The encoder releases each frame it encodes. A Data
 * frame longer than the configured maximum fails the write with an {@link EncoderException}
 * caused by a {@link FrameTooLongException} rather than send what the peer would refuse.
 *
 * <p>Hand-written rather than a {@code MessageToMessageEncoder}: that one, given a real promise
 * (the link's idle handler makes one per frame to see writes) and several pieces, combines a
 * promise per piece; here every piece but the last goes with the void promise and the last
 * carries the frame's, so a frame costs no promise of its own. Stateless (a thread's reusable
 * list of pieces aside), so one instance may serve many channels.
 */
@Sharable
public final class FrameEncoder extends ChannelOutboundHandlerAdapter {
    private static final FastThreadLocal<List<Object>> PIECES = new FastThreadLocal<>() {
        @Override
        protected List<Object> initialValue() {
            return new ArrayList<>();
        }
    };

    private final int maxBodyLength;

    public FrameEncoder() {
        this(FrameFormat.DEFAULT_MAX_BODY_LENGTH);
    }

    public FrameEncoder(int maxBodyLength) {
        this.maxBodyLength = FrameFormat.checkMaxBodyLength(maxBodyLength);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Frame frame)) {
            ctx.write(msg, promise);
            return;
        }
        List<Object> pieces = PIECES.get();
        try {
            FrameWriter.writeGathered(ctx.alloc(), frame, maxBodyLength, pieces);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(frame);
            promise.setFailure(new EncoderException(e));
            return;
        }
        ReferenceCountUtil.release(frame);
        try {
            int last = pieces.size() - 1;
            for (int i = 0; i < last; i++) {
                ctx.write(pieces.get(i), ctx.voidPromise());
            }
            ctx.write(pieces.get(last), promise);
        } finally {
            pieces.clear();
        }
    }
}
