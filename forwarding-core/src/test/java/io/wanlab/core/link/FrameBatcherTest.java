package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static io.wanlab.core.link.FrameBytes.packets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameBatcherTest {
    private final List<Frame.Data> emitted = new ArrayList<>();
    private final List<ByteBuf> added = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        emitted.forEach(Frame.Data::release);
        assertThat(added).as("every packet released with its frame").allMatch(b -> b.refCnt() == 0);
    }

    @Test
    void oneFramePerFlush() {
        FrameBatcher batcher = new FrameBatcher(64, FrameFormat.DEFAULT_MAX_BODY_LENGTH, emitted::add);
        batcher.add(packet(100, 1));
        batcher.add(packet(40, 2));
        batcher.add(packet(1500, 3));
        assertThat(emitted).as("nothing leaves before the flush").isEmpty();
        assertThat(batcher.pendingPackets()).isEqualTo(3);
        assertThat(batcher.pendingBodyBytes()).isEqualTo(2 + 102 + 42 + 1502);
        batcher.flush();
        assertThat(emitted).hasSize(1);
        assertThat(packets(emitted.get(0))).containsExactly(filled(100, 1), filled(40, 2), filled(1500, 3));
        assertThat(emitted.get(0).bodyLength()).isEqualTo(2 + 102 + 42 + 1502);
        assertThat(batcher.pendingPackets()).isZero();
        batcher.flush();
        assertThat(emitted).as("an empty flush emits nothing").hasSize(1);
    }

    @Test
    void packetLimitSplitsFrames() {
        FrameBatcher batcher = new FrameBatcher(2, FrameFormat.DEFAULT_MAX_BODY_LENGTH, emitted::add);
        for (int i = 0; i < 5; i++) {
            batcher.add(packet(10, i));
        }
        batcher.flush();
        assertThat(emitted).extracting(Frame.Data::count).containsExactly(2, 2, 1);
    }

    @Test
    void byteLimitSplitsFramesAndIsNeverExceeded() {
        int max = 2 + (2 + 500) * 2;
        FrameBatcher batcher = new FrameBatcher(100, max, emitted::add);
        batcher.add(packet(500, 1));
        batcher.add(packet(500, 2));
        batcher.add(packet(1, 3));
        batcher.add(packet(600, 4));
        batcher.add(packet(500, 5));
        batcher.flush();
        assertThat(emitted).extracting(Frame.Data::count).containsExactly(2, 2, 1);
        assertThat(emitted).as("no frame over the byte limit").allMatch(d -> d.bodyLength() <= max);
        assertThat(emitted.get(0).bodyLength()).as("the first frame fills the limit exactly").isEqualTo(max);
    }

    @Test
    void packetTooLargeForAnyFrameIsDroppedAndReleased() {
        FrameBatcher batcher = new FrameBatcher(10, 1000, emitted::add);
        batcher.add(packet(10, 1));
        assertThat(batcher.add(packet(997, 2))).isFalse();
        assertThat(batcher.add(Unpooled.buffer(0))).as("an empty packet is refused too").isFalse();
        assertThat(batcher.oversizeDrops()).isEqualTo(2);
        assertThat(batcher.add(packet(996, 3))).as("996 + 4 bytes is exactly the limit").isTrue();
        batcher.flush();
        assertThat(emitted).extracting(Frame.Data::count).containsExactly(1, 1);
    }

    @Test
    void discardReleasesPending() {
        FrameBatcher batcher = new FrameBatcher(10, 1000, emitted::add);
        batcher.add(packet(10, 1));
        batcher.add(packet(10, 2));
        batcher.discard();
        batcher.flush();
        assertThat(emitted).isEmpty();
        assertThat(batcher.pendingPackets()).isZero();
    }

    @Test
    void framesSurviveAnEncodeDecodeRoundTrip() {
        FrameBatcher batcher = new FrameBatcher(8, 4096, emitted::add);
        for (int i = 0; i < 20; i++) {
            batcher.add(packet(30 + i * 40, i));
        }
        batcher.flush();
        io.netty.channel.embedded.EmbeddedChannel channel = new io.netty.channel.embedded.EmbeddedChannel(new FrameEncoder(), new FrameDecoder(4096));
        List<byte[]> received = new ArrayList<>();
        for (Frame.Data data : emitted) {
            channel.writeOutbound(data.retain());
            for (ByteBuf wire; (wire = channel.readOutbound()) != null; ) {
                channel.writeInbound(wire);
            }
            Frame.Data back = channel.readInbound();
            received.addAll(packets(back));
            back.release();
        }
        assertThat(received).hasSize(20);
        assertThat(received.get(19)).isEqualTo(filled(30 + 19 * 40, 19));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new FrameBatcher(0, 1000, emitted::add)).hasMessage("maxPackets: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> new FrameBatcher(1, 4, emitted::add)).hasMessage("maxBodyBytes: 4 (expected: 5..16777216)");
    }

    private ByteBuf packet(int length, int seed) {
        ByteBuf b = Unpooled.copiedBuffer(filled(length, seed));
        added.add(b);
        return b;
    }
}
