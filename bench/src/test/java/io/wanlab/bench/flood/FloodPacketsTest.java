package io.wanlab.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.packet.Checksums;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.packet.TcpFlags;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FloodPacketsTest {
    private static final LabTopology SEED = TopologyPlanner.plan("hf", LabPresets.load("fixed"));

    @Test
    void theSeedsFloodComesFromTheClientsSubnetAndGoesToTheServer() {
        FloodTargets t = FloodTargets.of(SEED, null);
        assertThat(Ipv4.format(t.destination())).isEqualTo("198.18.2.10");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.sourceSubnets()).containsExactly(Ipv4Prefix.parse("198.18.1.0/24"));
        assertThat(t.sourceCount()).as("254 hosts minus the Socket's .1").isEqualTo(253);
        assertThat(Ipv4.format(t.source(0))).isEqualTo("198.18.1.2");
        assertThat(Ipv4.format(t.source(252))).isEqualTo("198.18.1.254");
        assertThat(FloodTargets.of(SEED, "198.18.2.10:8443").port()).isEqualTo(8443);
    }

    @Test
    void everySynIsAValidPacketFromTheLabToTheTarget() {
        FloodTargets t = FloodTargets.of(SEED, "198.18.2.10:443");
        SynPackets syns = new SynPackets(t, 42);
        Ipv4Prefix client = Ipv4Prefix.parse("198.18.1.0/24");
        Set<Integer> ports = new HashSet<>();
        Set<Integer> sources = new HashSet<>();
        PacketView view = new PacketView();
        for (int i = 0; i < 20_000; i++) {
            byte[] p = syns.next();
            ByteBuf buf = Unpooled.wrappedBuffer(p, 0, SynPackets.LENGTH);
            assertThat(view.wrap(buf)).isEqualTo(DropReason.NONE);
            assertThat(Checksums.ipv4HeaderValid(view)).as("IP checksum").isTrue();
            assertThat(Checksums.transportValid(view)).as("TCP checksum").isTrue();
            assertThat(view.isTcp()).isTrue();
            assertThat(view.tcp().flags()).isEqualTo(TcpFlags.SYN);
            assertThat(view.dstAddress()).isEqualTo(Ipv4.parse("198.18.2.10"));
            assertThat(view.dstPort()).isEqualTo(443);
            assertThat(client.contains(view.srcAddress())).as("source %s in the client's subnet", Ipv4.format(view.srcAddress())).isTrue();
            assertThat(view.srcAddress()).as("never the Socket's own address")
                    .isNotIn(Ipv4.parse("198.18.1.0"), Ipv4.parse("198.18.1.1"), Ipv4.parse("198.18.1.255"));
            assertThat(view.srcPort()).isBetween(1024, 65535);
            ports.add(view.srcPort());
            sources.add(view.srcAddress());
        }
        assertThat(sources).as("every address of the pool gets used").hasSize(253);
        assertThat(ports.size()).as("ports spread").isGreaterThan(15_000);
    }

    @Test
    void aTargetOutsideTheLabOrOnTheClientsOwnSiteIsRefusedWithTheReason() {
        assertThatThrownBy(() -> FloodTargets.of(SEED, "8.8.8.8:443")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the lab's addresses 198.18.0.0/15");
        assertThatThrownBy(() -> FloodTargets.of(SEED, "198.18.1.10:443")).hasMessageContaining("client's own site");
        assertThatThrownBy(() -> FloodTargets.of(SEED, "198.18.77.10:443")).hasMessageContaining("no site of this lab");
        assertThatThrownBy(() -> FloodTargets.of(SEED, "198.18.2.10")).hasMessageContaining("ADDRESS:PORT");
        assertThatThrownBy(() -> FloodTargets.of(SEED, "198.18.2.10:0")).hasMessageContaining("port 0");
        assertThatThrownBy(() -> new FloodTargets(List.of(Ipv4Prefix.parse("10.0.0.0/24")), Ipv4.parse("10.0.0.1"),
                Ipv4.parse("198.18.2.10"), 443)).hasMessageContaining("outside the lab's addresses");
    }
}
