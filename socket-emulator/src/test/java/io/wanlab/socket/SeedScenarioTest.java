package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.packet.TcpFlags;
import io.wanlab.core.rules.RuleEngine;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed, without kernels: Socket A's real decision code driven with built packets and a
 * ClientHello written by the JDK's TLS client. Which link each packet leaves on is the evidence.
 */
class SeedScenarioTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");

    record Case(String name, String preset, String sni, int helloSegments, Transport syn, Transport hello, boolean switches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("bug, off-cloud: SYN over cato, ClientHello switches to off-cloud", "bug", "app.site-b.lab", 1,
                        Transport.CATO, Transport.OFF_CLOUD, true),
                new Case("bug, alt-wan: SYN over cato, ClientHello switches to alt-wan", "bug-alt-wan", "app.site-b.lab", 1,
                        Transport.CATO, Transport.ALT_WAN, true),
                new Case("bug, ClientHello in two segments: the switch waits for the second", "bug", "app.site-b.lab", 2,
                        Transport.CATO, Transport.OFF_CLOUD, true),
                new Case("fixed, off-cloud: decided on the SYN", "fixed", "app.site-b.lab", 1,
                        Transport.OFF_CLOUD, Transport.OFF_CLOUD, false),
                new Case("fixed, alt-wan: decided on the SYN", "fixed-alt-wan", "app.site-b.lab", 1,
                        Transport.ALT_WAN, Transport.ALT_WAN, false),
                new Case("bug, application the complex rule names: stays on cato", "bug", "crm.site-b.lab", 1,
                        Transport.CATO, Transport.CATO, false),
                new Case("bug-alt-wan, application the complex rule names: stays on cato", "bug-alt-wan", "crm.site-b.lab", 1,
                        Transport.CATO, Transport.CATO, false)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void socketADecidesAsTheSeedSays(Case c) {
        LabFile lab = LabPresets.load(c.preset());
        RecordingEventLog events = new RecordingEventLog();
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        FlowSteering steering = new FlowSteering("socket-a", RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(1024)), links, events, () -> 0L);

        Transport synPath = sendFromLan(steering, Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        Transport ackPath = sendFromLan(steering, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001));
        byte[] hello = ClientHellos.jdk(c.sni(), "http/1.1");
        Transport helloPath = null;
        int cut = c.helloSegments() == 1 ? hello.length : hello.length / 2;
        Transport firstHalf = sendFromLan(steering, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001,
                Arrays.copyOfRange(hello, 0, cut)));
        helloPath = firstHalf;
        if (c.helloSegments() == 2) {
            assertThat(firstHalf).as("half a ClientHello identifies nothing yet").isEqualTo(c.syn());
            helloPath = sendFromLan(steering, Packets.data(CLIENT, 40000, SERVER, 443, 1001 + cut, 5001,
                    Arrays.copyOfRange(hello, cut, hello.length)));
        }
        Transport laterPath = sendFromLan(steering, Packets.ack(CLIENT, 40000, SERVER, 443, 1001 + hello.length, 5001));

        assertThat(synPath).as("the SYN's path").isEqualTo(c.syn());
        assertThat(ackPath).as("the handshake's ACK follows the SYN").isEqualTo(c.syn());
        assertThat(helloPath).as("the ClientHello's path").isEqualTo(c.hello());
        assertThat(laterPath).as("the rest of the flow stays where the ClientHello went").isEqualTo(c.hello());
        assertThat(events.events(Event.FlowSwitched.class)).as("switch events").hasSize(c.switches() ? 1 : 0);
        assertThat(steering.counters().switched()).isEqualTo(c.switches() ? 1 : 0);
        if (c.switches()) {
            Event.FlowSwitched s = events.events(Event.FlowSwitched.class).getFirst();
            assertThat(s.fromTransport()).isEqualTo("cato");
            assertThat(s.toTransport()).isEqualTo(c.hello().label());
            assertThat(events.events(Event.AppIdentified.class)).singleElement()
                    .extracting(Event.AppIdentified::serverName).isEqualTo(c.sni());
        }
        assertThat(steering.flows().size()).isEqualTo(1);
    }

    private static Transport sendFromLan(FlowSteering steering, ByteBuf packet) {
        try {
            int link = steering.fromLan(packet);
            assertThat(link).as("packet was routed, not dropped").isGreaterThanOrEqualTo(0);
            return steering.links().link(link).kind().transport();
        } finally {
            packet.release();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void repliesFollowTheLinkTheFlowArrivedOn(Case c) {
        // Socket B's view: the flow arrives over a link; the server's replies go back over it.
        LabFile lab = LabPresets.load(c.preset());
        SocketLinks links = SocketLinks.of(lab, "socket-b");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        FlowSteering b = new FlowSteering("socket-b", RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(1024)), links, new RecordingEventLog(), () -> 0L);
        int cato = links.linkFor(Transport.CATO);
        int direct = links.linkFor(c.hello() == Transport.CATO ? Transport.CATO : c.hello());

        ByteBuf syn = Packets.syn(CLIENT, 40000, SERVER, 443, 1000);
        ByteBuf synAck = Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, 1001);
        ByteBuf hello = Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001, new byte[] {0x16, 3, 1});
        ByteBuf rst = Packets.tcp(SERVER, 443, CLIENT, 40000, 5001, 0, TcpFlags.RST, new byte[0]);
        try {
            assertThat(b.fromLink(syn, cato)).isEqualTo(FlowSteering.TO_LAN);
            assertThat(b.fromLan(synAck)).as("SYN-ACK goes back over cato").isEqualTo(cato);
            assertThat(b.fromLink(hello, direct)).isEqualTo(FlowSteering.TO_LAN);
            assertThat(b.fromLan(rst)).as("after the switch, replies follow the direct link").isEqualTo(direct);
        } finally {
            syn.release();
            synAck.release();
            hello.release();
            rst.release();
        }
    }
}
