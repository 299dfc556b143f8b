package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the link's frame decoder (Jazzer). The first input byte sets the
 * segment size (0: the whole rest at once), so the fuzzer also explores where frames are cut.
 * Contract: only {@link FrameException} reaches the next handler, whatever reaches it is a
 * {@link Frame}, and every buffer is released. Without JAZZER_FUZZ=1 this replays the corpus in
 * {@code FrameDecoderJazzerTestInputs/decode}; {@code ./wanlab fuzz} explores.
 */
class FrameDecoderJazzerTest {

    @FuzzTest
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int segment = data[0] == 0 ? Integer.MAX_VALUE : data[0] & 0xff;
        TrackingAllocator alloc = new TrackingAllocator();
        EndHandler end = new EndHandler();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new FrameDecoder(1024), end);
        for (int at = 1; at < data.length && channel.isOpen(); ) {
            int n = Math.min(data.length - at, segment);
            ByteBuf chunk = alloc.buffer(n);
            chunk.writeBytes(data, at, n);
            at += n;
            channel.writeInbound(chunk);
        }
        channel.finish();
        channel.checkException();
        assertThat(end.unexpected).as("only FrameException, and only frames, leave the decoder").isEmpty();
        assertThat(alloc.unreleased()).as("every buffer released").isEmpty();
    }

    /** Stands where the link handler sits: reads each frame's packets, releases, records what it should never see. */
    private static final class EndHandler extends ChannelInboundHandlerAdapter {
        final List<Object> unexpected = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Frame.Data data) {
                    for (int i = 0; i < data.count(); i++) {
                        ByteBuf p = data.packet(i);
                        if (p.isReadable()) {
                            p.getByte(p.readerIndex());
                        }
                    }
                } else if (!(msg instanceof Frame)) {
                    unexpected.add("not a frame: " + msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof FrameException)) {
                unexpected.add(cause);
            }
        }
    }
}
