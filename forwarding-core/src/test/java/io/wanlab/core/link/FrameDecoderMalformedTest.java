package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.bytes;
import static io.wanlab.core.link.FrameBytes.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed frame gives a FrameException and a closed channel, never a wait for more bytes. */
class FrameDecoderMalformedTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("io.wanlab.core.link.MalformedFrames#cases")
    void malformedFrameClosesTheChannel(String name, byte[] frame, String message) {
        ByteBuf in = wrap(frame);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining(message);
        assertThat(channel.isOpen()).as("the decoder closed the link").isFalse();
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(in.refCnt()).as("the inbound bytes were released").isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void framesBeforeTheBadOneAreDeliveredAndBytesAfterItIgnored() {
        byte[] good = bytes().header(FrameFormat.TYPE_KEEPALIVE, 0, 8).u64(5).toArray();
        byte[] bad = bytes().header(9, 0, 8).u64(6).toArray();
        ByteBuf in = Unpooled.wrappedBuffer(good, bad, good);
        assertThatThrownBy(() -> channel.writeInbound(in)).isInstanceOf(FrameException.class);
        assertThat(channel.<Object>readInbound()).isEqualTo(new Frame.Keepalive(5, false));
        assertThat(channel.<Object>readInbound()).as("no resync after the bad frame").isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void oversizeLengthIsRefusedFromTheHeaderAlone() {
        ByteBuf header = wrap(bytes().header(FrameFormat.TYPE_DATA, 0, 1_000_000).toArray());
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOfSatisfying(FrameTooLongException.class, e -> {
                    assertThat(e.bodyLength()).isEqualTo(1_000_000);
                    assertThat(e.maxBodyLength()).isEqualTo(FrameFormat.DEFAULT_MAX_BODY_LENGTH);
                })
                .hasMessage("frame body length: 1000000 bytes (expected: at most 65600)");
        assertThat(channel.isOpen()).as("closed before any body byte arrived").isFalse();
        assertThat(header.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void largestUnsignedLengthIsNotTakenAsNegative() {
        ByteBuf header = wrap(bytes().header(FrameFormat.TYPE_DATA, 0, 0xFFFF_FFFFL).toArray());
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("4294967295 bytes");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void configuredMaximumIsEnforced() {
        EmbeddedChannel small = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf header = wrap(bytes().header(FrameFormat.TYPE_DATA, 0, 1025).toArray());
        assertThatThrownBy(() -> small.writeInbound(header))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame body length: 1025 bytes (expected: at most 1024)");
        ByteBuf fits = wrap(bytes().header(FrameFormat.TYPE_DATA, 0, 1024).u16(1).packet(1020).toArray());
        EmbeddedChannel again = new EmbeddedChannel(new FrameDecoder(1024));
        assertThat(again.writeInbound(fits)).as("a body of exactly the maximum passes").isTrue();
        Frame.Data data = again.readInbound();
        assertThat(data.packetBytes()).isEqualTo(1020);
        data.release();
        assertThat(again.finish()).isFalse();
    }

    @Test
    void partialFrameAtCloseIsReported() {
        byte[] frame = bytes().header(FrameFormat.TYPE_KEEPALIVE, 0, 8).u64(1).toArray();
        ByteBuf part = Unpooled.copiedBuffer(frame, 0, 10);
        assertThat(channel.writeInbound(part)).as("an unfinished frame waits for more bytes").isFalse();
        assertThat(channel.isOpen()).isTrue();
        assertThatThrownBy(channel::finish)
                .isInstanceOf(FrameException.class)
                .hasMessage("truncated frame: 10 bytes left when the link closed (expected: whole frames only)");
        assertThat(part.refCnt()).isZero();
    }

    @Test
    void partialHeaderWaits() {
        ByteBuf part = wrap(new byte[] {(byte) 0xA1, 2, 0});
        assertThat(channel.writeInbound(part)).isFalse();
        assertThat(channel.isOpen()).isTrue();
        assertThatThrownBy(channel::finish).hasMessageStartingWith("truncated frame: 3 bytes");
    }
}
