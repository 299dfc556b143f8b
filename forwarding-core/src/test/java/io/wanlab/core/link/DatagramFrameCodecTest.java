package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.bytes;
import static io.wanlab.core.link.FrameBytes.filled;
import static io.wanlab.core.link.FrameBytes.packets;
import static io.wanlab.core.link.FrameBytes.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatagramFrameCodecTest {
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @Test
    void valueFramesRoundTrip() {
        for (Frame frame : new Frame[] {new Frame.Hello(2, "socket-a", "off-cloud", filled(64, 1)), new Frame.Keepalive(-5, true)}) {
            ByteBuf datagram = DatagramFrameCodec.encode(alloc, frame);
            try {
                assertThat(DatagramFrameCodec.decode(datagram)).isEqualTo(frame);
            } finally {
                datagram.release();
            }
        }
    }

    @Test
    void dataRoundTripsAsOneContiguousDatagram() {
        ByteBuf large = Unpooled.copiedBuffer(filled(1400, 1));
        ByteBuf small = Unpooled.copiedBuffer(filled(40, 2));
        Frame.Data sent = Frame.Data.of(large, small);
        ByteBuf datagram = DatagramFrameCodec.encode(alloc, sent);
        sent.release();
        int readerIndex = datagram.readerIndex();
        Frame.Data received = (Frame.Data) DatagramFrameCodec.decode(datagram);
        try {
            assertThat(datagram).isNotInstanceOf(CompositeByteBuf.class);
            assertThat(datagram.readerIndex()).as("decode leaves the payload's indexes alone").isEqualTo(readerIndex);
            assertThat(packets(received)).containsExactly(filled(1400, 1), filled(40, 2));
        } finally {
            datagram.release();
        }
        assertThat(received.packet(0).refCnt()).as("the frame's slices outlive the caller's release of the datagram").isPositive();
        received.release();
        assertThat(datagram.refCnt()).isZero();
        assertThat(large.refCnt()).isZero();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("io.wanlab.core.link.MalformedFrames#cases")
    void malformedDatagramIsRefused(String name, byte[] frame, String message) {
        ByteBuf datagram = wrap(frame);
        assertThatThrownBy(() -> DatagramFrameCodec.decode(datagram))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining(message);
        assertThat(datagram.refCnt()).as("decode takes no reference to a refused datagram").isEqualTo(1);
        datagram.release();
    }

    @Test
    void datagramShorterThanAHeaderIsRefused() {
        ByteBuf datagram = wrap(new byte[] {(byte) 0xA1, 3, 0});
        assertThatThrownBy(() -> DatagramFrameCodec.decode(datagram))
                .isInstanceOf(FrameException.class)
                .hasMessage("datagram: 3 bytes (expected: at least a 7-byte frame header)");
    }

    @Test
    void datagramLongerOrShorterThanItsHeaderSaysIsRefused() {
        byte[] keepalive = bytes().header(FrameFormat.TYPE_KEEPALIVE, 0, 8).u64(1).toArray();
        ByteBuf extra = wrap(bytes().raw(keepalive).u8(0).toArray());
        assertThatThrownBy(() -> DatagramFrameCodec.decode(extra))
                .hasMessage("datagram: 16 bytes (expected: 15, the header's 8-byte body plus the header)");
        ByteBuf cut = wrap(java.util.Arrays.copyOf(keepalive, 12));
        assertThatThrownBy(() -> DatagramFrameCodec.decode(cut)).hasMessageStartingWith("datagram: 12 bytes (expected: 15");
    }

    @Test
    void oversizeHeaderIsRefusedWithTheMaximum() {
        ByteBuf datagram = wrap(bytes().header(FrameFormat.TYPE_DATA, 0, 2000).raw(new byte[2000]).toArray());
        assertThatThrownBy(() -> DatagramFrameCodec.decode(datagram, 1500))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessage("frame body length: 2000 bytes (expected: at most 1500)");
    }
}
