package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage and mutated frames, split at random points: the decoder only ever raises
 * FrameException, nothing reaches the end of the pipeline, and every buffer is released.
 */
class FrameDecoderFuzzTest {
    private static final long SEED = 0x5EED_F4A3EL;

    @Test
    void randomGarbageNeverEscapesOrLeaks() {
        Random random = new Random(SEED);
        for (int round = 0; round < 3000; round++) {
            byte[] input = new byte[random.nextInt(400)];
            random.nextBytes(input);
            if (round % 3 == 0 && input.length > 0) {
                input[0] = (byte) FrameFormat.MAGIC_VERSION;  // get past the magic check more often
            }
            feed(random, input, round);
        }
    }

    @Test
    void mutatedValidStreamsNeverEscapeOrLeak() {
        Random random = new Random(SEED + 1);
        byte[] valid = validStream();
        int decodedSomething = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] input = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
            }
            decodedSomething += feed(random, input, round) > 0 ? 1 : 0;
        }
        assertThat(decodedSomething).as("mutations leave valid frames often enough to exercise delivery").isGreaterThan(100);
    }

    /** Feeds {@code input} in random chunks; returns the number of frames decoded. */
    private static int feed(Random random, byte[] input, int round) {
        TrackingAllocator alloc = new TrackingAllocator();
        RecordingEndHandler end = new RecordingEndHandler();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        channel.pipeline().addLast(new FrameDecoder(1024), end);
        int at = 0;
        while (at < input.length && channel.isOpen()) {
            int n = Math.min(input.length - at, 1 + random.nextInt(64));
            ByteBuf chunk = alloc.buffer(n);
            chunk.writeBytes(input, at, n);
            at += n;
            channel.writeInbound(chunk);
        }
        channel.finish();
        channel.checkException();
        assertThat(end.unexpected).as("round %d: only FrameException reaches the handler after the decoder", round).isEmpty();
        assertThat(alloc.unreleased()).as("round %d: every buffer released", round).isEmpty();
        return end.frames;
    }

    /** Sits after the decoder, as the link handler would: takes frames, releases them, records errors. */
    private static final class RecordingEndHandler extends ChannelInboundHandlerAdapter {
        final List<Throwable> unexpected = new ArrayList<>();
        int frames;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Frame.Data data) {
                for (int i = 0; i < data.count(); i++) {
                    data.packet(i).getByte(data.packet(i).readerIndex());
                }
            } else if (!(msg instanceof Frame)) {
                unexpected.add(new AssertionError("not a frame: " + msg));
            }
            frames++;
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof FrameException)) {
                unexpected.add(cause);
            }
        }
    }

    private static byte[] validStream() {
        EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
        encoder.writeOutbound(
                new Frame.Hello(1, "socket-a", "off-cloud", FrameBytes.filled(8, 1)),
                Frame.Data.of(Unpooled.copiedBuffer(FrameBytes.filled(60, 2)), Unpooled.copiedBuffer(FrameBytes.filled(3, 3))),
                new Frame.Keepalive(9, true),
                Frame.Data.of(Unpooled.copiedBuffer(FrameBytes.filled(300, 4))));
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = FrameBytes.toArray(all);
        all.release();
        encoder.finish();
        return bytes;
    }
}
