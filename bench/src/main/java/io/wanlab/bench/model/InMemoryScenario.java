package io.wanlab.bench.model;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.socket.FlowSteering;
import io.wanlab.socket.SocketLinks;
import java.util.ArrayList;
import java.util.List;

/**
 * One seed scenario on the in-memory model: a client's SYN, handshake ACK and ClientHello go
 * through Socket A's {@link FlowSteering}, and the links they leave on are observed. What the
 * server's kernel then does (the RST) is the live lab's to show, not this model's.
 */
public record InMemoryScenario(String name, String preset, String sni, Transport expectSyn, Transport expectHello,
        String meaning) {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");

    /** The scenarios of the seed that Socket A's decisions alone can show. */
    public static List<InMemoryScenario> seed() {
        return List.of(
                new InMemoryScenario("bug-off-cloud", "bug", "app.site-b.lab", Transport.CATO, Transport.OFF_CLOUD,
                        "SYN to the PoP, ClientHello direct: the server sees a ClientHello with no handshake (RST expected live)"),
                new InMemoryScenario("bug-alt-wan", "bug-alt-wan", "app.site-b.lab", Transport.CATO, Transport.ALT_WAN,
                        "same over Alt-WAN (RST expected live)"),
                new InMemoryScenario("fix-reorder-off-cloud", "fixed", "app.site-b.lab", Transport.OFF_CLOUD, Transport.OFF_CLOUD,
                        "decided on the SYN: the whole flow goes direct, the PoP never sees it"),
                new InMemoryScenario("fix-reorder-alt-wan", "fixed-alt-wan", "app.site-b.lab", Transport.ALT_WAN, Transport.ALT_WAN,
                        "decided on the SYN over Alt-WAN"),
                new InMemoryScenario("app-on-cloud", "bug", "crm.site-b.lab", Transport.CATO, Transport.CATO,
                        "the complex rule's application: the flow stays on cato"));
    }

    /** What Socket A did with the flow. */
    public record Observation(InMemoryScenario scenario, Transport syn, Transport hello, boolean switched, String switchEvent) {
        public boolean pass() {
            return syn == scenario.expectSyn() && hello == scenario.expectHello()
                    && switched == (scenario.expectSyn() != scenario.expectHello());
        }
    }

    public Observation run() {
        LabFile lab = LabPresets.load(preset);
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        // Only this thread drives the steering, so a plain list is safe here.
        List<Event.FlowSwitched> switches = new ArrayList<>();
        EventLog events = e -> {
            if (e instanceof Event.FlowSwitched s) {
                switches.add(s);
            }
        };
        FlowSteering steering = new FlowSteering("socket-a", RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(64)), links, events, System::nanoTime);
        Transport syn = send(steering, Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        send(steering, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001));
        byte[] hello = ClientHellos.jdk(sni, "http/1.1");
        Transport helloPath = send(steering, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001, hello));
        String detail = switches.isEmpty() ? "" : switches.getFirst().fromTransport() + " -> " + switches.getFirst().toTransport()
                + " by rule #" + (switches.getFirst().ruleIndex() + 1);
        return new Observation(this, syn, helloPath, !switches.isEmpty(), detail);
    }

    private static Transport send(FlowSteering steering, ByteBuf packet) {
        try {
            int link = steering.fromLan(packet);
            return link < 0 ? null : steering.links().link(link).kind().transport();
        } finally {
            packet.release();
        }
    }
}
