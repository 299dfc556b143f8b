package io.wanlab.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Coverage-guided fuzzing of {@link PacketView} (Jazzer). Contract: {@code wrap} never throws for
 * any bytes, it names a reason or accepts; on an accepted packet every accessor of the matching
 * per-protocol view answers without throwing and every offset stays inside the wrapped bytes.
 * Without JAZZER_FUZZ=1 this replays the corpus in {@code PacketViewJazzerTestInputs/wrap}.
 */
class PacketViewJazzerTest {

    @FuzzTest
    void wrap(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        PacketView view = new PacketView();
        DropReason reason = view.wrap(buf);
        assertThat(reason).isNotNull();
        assertThat(view.isValid()).isEqualTo(reason == DropReason.NONE);
        assertThat(buf.readerIndex()).as("wrap moves no index").isZero();
        if (reason != DropReason.NONE) {
            return;
        }
        assertThat(view.totalLength()).isBetween(view.headerLength(), data.length);
        assertThat(view.l4Offset() + view.l4Length()).isLessThanOrEqualTo(view.totalLength());
        assertThat(view.payloadOffset() + view.payloadLength()).isLessThanOrEqualTo(view.totalLength());
        long sum = view.version() + view.tos() + view.identification() + view.flagsAndFragmentOffset() + view.ttl()
                + view.headerChecksum() + view.srcAddress() + view.dstAddress() + view.srcPort() + view.dstPort();
        if (view.isTcp()) {
            TcpView t = view.tcp();
            sum += t.srcPort() + t.dstPort() + t.seq() + t.ack() + t.headerLength() + t.flags() + t.window()
                    + t.checksum() + t.urgentPointer();
        } else if (view.isUdp()) {
            UdpView u = view.udp();
            sum += u.srcPort() + u.dstPort() + u.length() + u.checksum();
        } else if (view.isIcmp()) {
            IcmpView i = view.icmp();
            sum += i.type() + i.code() + i.checksum() + (i.isEcho() ? i.echoId() + i.echoSequence() : 0);
        }
        assertThat(view.toString()).as("summary of %s", sum).isNotEmpty();
    }
}
