package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.packet.Checksums;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.IpProtocols;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.packet.TcpFlags;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.core.tun.FakeTunDevice;
import org.junit.jupiter.api.Test;

/**
 * Super-packets in the Socket's books: one packet each; metadata the decoder found invalid is a
 * counted bad-offload drop; a TUN without offloads gets the super-packet cut into checked plain
 * packets and the books still count one packet written.
 */
class SocketAccountingOffloadTest {
    static final int SRC = 0xC612020A;
    static final int DST = 0xC612010A;

    @Test
    void aSuperPacketIsOnePacketInTheBooksAndABadOneADroppedOne() {
        LabFile lab = LabPresets.load("fixed");
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        FlowSteering steering = new FlowSteering("socket-a", RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(256)), links, new RecordingEventLog(), System::nanoTime);
        PathCounters[] sending = new PathCounters[links.size()];
        String[] devices = new String[links.size()];
        for (int i = 0; i < links.size(); i++) {
            sending[i] = new PathCounters(links.link(i).name() + " out");
            devices[i] = "l-" + i;
            links.setUp(i, true);
        }
        SocketAccounting accounting = new SocketAccounting("wl-lan", links, sending, devices);
        FakeTunDevice tun = new FakeTunDevice("wl-lan", 1400);

        ByteBuf bad = Packets.tcp(SRC, 5201, DST, 40000, 1, 1, TcpFlags.ACK, new byte[100]);
        assertThat(accounting.fromLink(steering, bad, Offload.INVALID, 0)).isEqualTo(FlowSteering.DROP);
        bad.release();

        ByteBuf big = Packets.tcp(SRC, 5201, DST, 40000, 1, 1, TcpFlags.ACK, new byte[5000]);
        big.setShort(36, Checksums.pseudoHeaderSum(SRC, DST, IpProtocols.TCP, big.readableBytes() - 20));
        long tso = Offload.check(big, Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, 1360, 20, 16));
        accounting.toTun(tun, big, tso);
        big.release();

        assertThat(tun.written()).as("cut into 1360-byte segments for a TUN without offloads").hasSize(4);
        for (byte[] bytes : tun.written()) {
            PacketView v = new PacketView();
            assertThat(v.wrap(io.netty.buffer.Unpooled.wrappedBuffer(bytes))).isEqualTo(DropReason.NONE);
            assertThat(Checksums.transportValid(v)).isTrue();
        }
        String books = accounting.books().paths().toString();
        assertThat(accounting.books().paths()).allSatisfy(p -> assertThat(p.unaccounted()).as(p.name()).isZero());
        assertThat(accounting.books().paths()).filteredOn(p -> p.name().equals("tun")).singleElement()
                .satisfies(p -> assertThat(p.out()).as(books).isEqualTo(1));
        assertThat(accounting.books().paths()).filteredOn(p -> p.name().endsWith(" in")).first()
                .satisfies(p -> assertThat(p.dropped(DropReason.BAD_OFFLOAD)).isEqualTo(1));
    }
}
