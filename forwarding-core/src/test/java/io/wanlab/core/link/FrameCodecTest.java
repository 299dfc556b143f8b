package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static io.wanlab.core.link.FrameBytes.packets;
import static io.wanlab.core.link.FrameBytes.toArray;
import static io.wanlab.core.link.FrameBytes.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** FrameEncoder and FrameDecoder round trips over EmbeddedChannels. */
class FrameCodecTest {
    private final EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
    private final EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());

    @AfterEach
    void nothingLeft() {
        assertThat(encoder.<Object>readOutbound()).as("encoder output fully consumed").isNull();
        assertThat(decoder.<Object>readInbound()).as("decoder output fully consumed").isNull();
        assertThat(encoder.finish()).isFalse();
        assertThat(decoder.finish()).as("no buffered bytes or frames at the end").isFalse();
    }

    static Stream<Arguments> valueFrames() {
        return Stream.of(
                Arguments.of("hello with tag", new Frame.Hello(1, "socket-a", "off-cloud", filled(32, 3))),
                Arguments.of("hello, empty tag, longest names", new Frame.Hello(65_535, "a".repeat(64), "0-".repeat(32), new byte[0])),
                Arguments.of("hello, full tag", new Frame.Hello(0, "pop", "cato-a", filled(64, 9))),
                Arguments.of("keepalive", new Frame.Keepalive(42, false)),
                Arguments.of("keepalive reply", new Frame.Keepalive(42, true)),
                Arguments.of("keepalive, negative sequence", new Frame.Keepalive(-1, true)),
                Arguments.of("keepalive, max sequence", new Frame.Keepalive(Long.MAX_VALUE, false)),
                Arguments.of("challenge", new Frame.Challenge(filled(16, 0xc3))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("valueFrames")
    void valueFramesRoundTrip(String name, Frame frame) {
        assertThat(roundTrip(frame)).isEqualTo(frame);
    }

    static Stream<Arguments> packetSets() {
        return Stream.of(
                Arguments.of("one small packet", List.of(filled(40, 1))),
                Arguments.of("one packet at the copy threshold", List.of(filled(FrameWriter.COPY_THRESHOLD, 2))),
                Arguments.of("one large packet", List.of(filled(1500, 3))),
                Arguments.of("one 64 KiB packet", List.of(filled(65_535, 4))),
                Arguments.of("one-byte packets", List.of(filled(1, 5), filled(1, 6), filled(1, 7))),
                Arguments.of("mixed small and large", List.of(filled(1500, 1), filled(40, 2), filled(52, 3), filled(1400, 4), filled(257, 5), filled(60, 6))),
                Arguments.of("large first and last", List.of(filled(1000, 1), filled(20, 2), filled(1000, 3))),
                Arguments.of("forty packets", fortyPackets()));
    }

    private static List<byte[]> fortyPackets() {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            list.add(filled(20 + i * 37, i));
        }
        return list;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("packetSets")
    void dataRoundTrips(String name, List<byte[]> packets) {
        List<ByteBuf> sent = new ArrayList<>();
        for (byte[] p : packets) {
            sent.add(Unpooled.copiedBuffer(p));
        }
        Frame.Data decoded = (Frame.Data) roundTrip(Frame.Data.of(sent));
        try {
            assertThat(packets(decoded)).containsExactlyElementsOf(packets);
        } finally {
            decoded.release();
        }
        assertThat(sent).as("the encoder released the frame and so every packet").allMatch(b -> b.refCnt() == 0);
        assertThatThrownBy(() -> decoded.packet(0)).isInstanceOf(IllegalReferenceCountException.class);
    }

    @Test
    void largePacketsAreReferencedNotCopied() {
        ByteBuf large = Unpooled.copiedBuffer(filled(1500, 1));
        ByteBuf small = Unpooled.copiedBuffer(filled(40, 2));
        encoder.writeOutbound(Frame.Data.of(large.retain(), small));
        ByteBuf wire = readWire();
        try {
            assertThat(((CompositeByteBuf) wire).numComponents()).as("header, the packet itself, the small packet's piece").isEqualTo(3);
            large.setByte(0, 0x77);
            int largeOffset = FrameFormat.HEADER_LENGTH + 2 + 2;
            assertThat(wire.getByte(largeOffset)).as("a write into the packet shows in the encoded frame").isEqualTo((byte) 0x77);
        } finally {
            wire.release();
            large.release();
        }
        assertThat(large.refCnt()).isZero();
    }

    @Test
    void smallPacketsOnlyGiveOneContiguousBuffer() {
        encoder.writeOutbound(Frame.Data.of(Unpooled.copiedBuffer(filled(40, 1)), Unpooled.copiedBuffer(filled(60, 2))));
        ByteBuf wire = readWire();
        try {
            assertThat(wire).isNotInstanceOf(CompositeByteBuf.class);
            assertThat(wire.readableBytes()).isEqualTo(FrameFormat.HEADER_LENGTH + 2 + 2 + 40 + 2 + 60);
        } finally {
            wire.release();
        }
    }

    @Test
    void helloHasTheDocumentedLayout() {
        encoder.writeOutbound(new Frame.Hello(1, "a", "bc", new byte[] {9}));
        ByteBuf wire = readWire();
        try {
            assertThat(toArray(wire)).containsExactly(
                    0xA1, 1, 0, 0, 0, 0, 9, 0, 1, 1, 'a', 2, 'b', 'c', 1, 9);
        } finally {
            wire.release();
        }
    }

    @Test
    void decodesAFrameFedOneByteAtATime() {
        Frame.Hello hello = new Frame.Hello(1, "socket-b", "alt-wan", filled(16, 1));
        byte[] helloWire = encode(hello);
        byte[] wire = concat(helloWire, encode(Frame.Data.of(Unpooled.copiedBuffer(filled(700, 2)), Unpooled.copiedBuffer(filled(30, 3)))));
        for (int i = 0; i < wire.length - 1; i++) {
            decoder.writeInbound(wrap(new byte[] {wire[i]}));
            if (i == helloWire.length - 1) {
                assertThat(decoder.<Object>readInbound()).isEqualTo(hello);
            } else {
                assertThat(decoder.<Object>readInbound()).as("nothing before byte %d completes a frame", i).isNull();
            }
        }
        decoder.writeInbound(wrap(new byte[] {wire[wire.length - 1]}));
        Frame.Data data = decoder.readInbound();
        try {
            assertThat(packets(data)).containsExactly(filled(700, 2), filled(30, 3));
        } finally {
            data.release();
        }
    }

    @Test
    void decodesSeveralFramesInOneRead() {
        Frame.Keepalive ping = new Frame.Keepalive(7, false);
        Frame.Keepalive pong = new Frame.Keepalive(7, true);
        Frame.Hello hello = new Frame.Hello(3, "pop", "cato-b", new byte[0]);
        byte[] wire = concat(encode(hello), encode(ping), encode(Frame.Data.of(Unpooled.copiedBuffer(filled(300, 1)))), encode(pong));
        decoder.writeInbound(wrap(wire));
        assertThat(decoder.<Object>readInbound()).isEqualTo(hello);
        assertThat(decoder.<Object>readInbound()).isEqualTo(ping);
        Frame.Data data = decoder.readInbound();
        assertThat(packets(data)).containsExactly(filled(300, 1));
        data.release();
        assertThat(decoder.<Object>readInbound()).isEqualTo(pong);
    }

    @Test
    void decodedPacketsAreSlicesOfTheInboundBuffer() {
        ByteBuf in = Unpooled.wrappedBuffer(encode(Frame.Data.of(Unpooled.copiedBuffer(filled(100, 1)), Unpooled.copiedBuffer(filled(100, 2)))));
        decoder.writeInbound(in);
        Frame.Data data = decoder.readInbound();
        assertThat(in.refCnt()).as("the two packet slices keep the inbound buffer alive").isPositive();
        data.release();
        assertThat(in.refCnt()).as("releasing the frame releases the inbound buffer").isZero();
    }

    @Test
    void encoderRefusesDataLongerThanItsMaximum() {
        EmbeddedChannel small = new EmbeddedChannel(new FrameEncoder(1024));
        ByteBuf packet = Unpooled.copiedBuffer(filled(1100, 1));
        assertThatThrownBy(() -> small.writeOutbound(Frame.Data.of(packet)))
                .isInstanceOf(EncoderException.class)
                .cause().isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame body length: 1104 bytes (expected: at most 1024)");
        assertThat(packet.refCnt()).as("the refused frame was released").isZero();
        assertThat(small.finish()).isFalse();
    }

    @Test
    void maxBodyLengthIsChecked() {
        assertThatThrownBy(() -> new FrameDecoder(100))
                .hasMessage("maxBodyLength: 100 (expected: 256..16777216)");
        assertThatThrownBy(() -> new FrameEncoder(Integer.MAX_VALUE))
                .hasMessageStartingWith("maxBodyLength: 2147483647");
    }

    private Frame roundTrip(Frame frame) {
        assertThat(encoder.writeOutbound(frame)).isTrue();
        ByteBuf wire = readWire();
        assertThat(decoder.writeInbound(wire)).isTrue();
        return decoder.readInbound();
    }

    /**
     * Everything the encoder wrote for one frame, as one buffer: its pieces (the channel's
     * gathering write sends them together) in a composite, or the single buffer.
     */
    private ByteBuf readWire() {
        List<ByteBuf> pieces = new ArrayList<>();
        for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
            pieces.add(b);
        }
        return pieces.size() == 1 ? pieces.get(0) : Unpooled.wrappedBuffer(pieces.toArray(new ByteBuf[0]));
    }

    private byte[] encode(Frame frame) {
        encoder.writeOutbound(frame);
        ByteBuf wire = readWire();
        try {
            return toArray(wire);
        } finally {
            wire.release();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.wrappedBuffer(parts);
        try {
            return toArray(all);
        } finally {
            all.release();
        }
    }
}
