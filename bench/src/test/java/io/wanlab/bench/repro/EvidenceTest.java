package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventJson;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.packet.TcpFlags;
import io.wanlab.core.pcap.PcapngWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence extraction on recorded captures: tap files written the way the nodes write them,
 * including a ClientHello split over two TCP segments (what a small client MTU produces).
 */
class EvidenceTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int PORT = 40000;

    @TempDir
    Path dir;

    private void tap(String file, String name, ByteBuf... packets) throws IOException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        try (PcapngWriter w = PcapngWriter.open(f)) {
            int iface = w.addInterface(name, null);
            long t = 1_000_000_000L;
            for (ByteBuf p : packets) {
                w.writePacket(iface, t += 1000, p, name.contains("cato") || name.contains("off-cloud") ? "flow 1: rule out cato" : "flow 1");
                p.release();
            }
        }
    }

    private void events(String file, String... lines) throws IOException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", lines) + "\n");
    }

    private static Event.FlowCreated created(long flowId) {
        return new Event.FlowCreated(1, "socket-a", flowId, "tcp", "198.18.1.10", PORT, "198.18.2.10", 443);
    }

    private void recordBugRun(boolean withReset, int helloSegments) throws IOException {
        byte[] hello = ClientHellos.jdk("app.site-b.lab");
        int cut = helloSegments == 1 ? hello.length : 200;
        tap("socket-a/socket-a-lan.pcapng", "socket-a:lan", Packets.syn(CLIENT, PORT, SERVER, 443, 1),
                Packets.data(CLIENT, PORT, SERVER, 443, 2, 9, hello));
        tap("pop/pop-cato-a.pcapng", "pop:cato-a", Packets.syn(CLIENT, PORT, SERVER, 443, 1));
        ByteBuf first = Packets.data(CLIENT, PORT, SERVER, 443, 2, 9, Arrays.copyOfRange(hello, 0, cut));
        ByteBuf rst = Packets.tcp(SERVER, 443, CLIENT, PORT, 0, 0, TcpFlags.RST, new byte[0]);
        if (helloSegments == 2) {
            ByteBuf second = Packets.data(CLIENT, PORT, SERVER, 443, 2 + cut, 9, Arrays.copyOfRange(hello, cut, hello.length));
            if (withReset) {
                tap("socket-b/socket-b-lan.pcapng", "socket-b:lan", first, second, rst);
            } else {
                rst.release();
                tap("socket-b/socket-b-lan.pcapng", "socket-b:lan", first, second);
            }
        } else if (withReset) {
            tap("socket-b/socket-b-lan.pcapng", "socket-b:lan", first, rst);
        } else {
            rst.release();
            tap("socket-b/socket-b-lan.pcapng", "socket-b:lan", first);
        }
        events("pop/events.jsonl", EventJson.toJson(new Event.ProxyLeg(1, "pop", "198.18.1.10", PORT, "198.18.2.10", 443, "client",
                "established", "the PoP's kernel completed the client's TCP handshake", true, true)));
        events("socket-a/events.jsonl", EventJson.toJson(created(7)),
                EventJson.toJson(new Event.FlowSwitched(3, "socket-a", 7, "cato", "off-cloud", 1, "Site A to Site B", "re-evaluated")));
    }

    @Test
    void theSeedsResetIsRecognisedWhenTheClientHelloSpansTwoSegments() throws IOException {
        recordBugRun(true, 2);

        Evidence e = Evidence.collect(dir, Scenario.seed().getFirst());

        assertThat(e.findings).as(String.join("\n", e.findings)).noneMatch(l -> l.startsWith("MISSING"));
        assertThat(e.pass()).isTrue();
        assertThat(e.clientPort).isEqualTo(PORT);
        assertThat(e.findings).anyMatch(l -> l.contains("no SYN of that flow before it"))
                .anyMatch(l -> l.contains("answered RST"));
    }

    @Test
    void withoutTheServersResetTheBugScenarioFails() throws IOException {
        recordBugRun(false, 1);

        Evidence e = Evidence.collect(dir, Scenario.seed().getFirst());

        assertThat(e.pass()).isFalse();
        assertThat(e.findings).anyMatch(l -> l.startsWith("MISSING") && l.contains("answered RST"));
    }

    @Test
    void theReorderFixNeedsThePopToHaveSeenNothing() throws IOException {
        Scenario reorder = Scenario.seed().stream().filter(s -> s.name().equals("fix-reorder-off-cloud")).findFirst().orElseThrow();
        tap("socket-a/socket-a-lan.pcapng", "socket-a:lan", Packets.syn(CLIENT, PORT, SERVER, 443, 1));
        tap("socket-b/socket-b-lan.pcapng", "socket-b:lan", Packets.syn(CLIENT, PORT, SERVER, 443, 1),
                Packets.data(SERVER, 443, CLIENT, PORT, 5, 2, new byte[] {0x16, 0x03, 0x03, 0, 1, 2}));
        events("socket-a/events.jsonl", EventJson.toJson(created(4)),
                EventJson.toJson(new Event.FlowDecided(2, "socket-a", 4, 1, "Site A to Site B", "off-cloud", "simple rule")));
        Files.createDirectories(dir.resolve("pop"));
        Files.writeString(dir.resolve("pop/events.jsonl"), "");

        assertThat(Evidence.collect(dir, reorder).pass()).isTrue();

        tap("pop/pop-cato-a.pcapng", "pop:cato-a", Packets.syn(CLIENT, PORT, SERVER, 443, 1));
        Evidence leaked = Evidence.collect(dir, reorder);
        assertThat(leaked.pass()).as("a packet of the flow at the PoP breaks fix 1").isFalse();
        assertThat(leaked.findings).anyMatch(l -> l.startsWith("MISSING: the PoP's tunnel taps saw no packet"));
    }

    @Test
    void theLadderDrawsEachHopOnceWithTheResetInRed() throws IOException {
        recordBugRun(true, 1);

        List<LadderStep> ladder = Ladder.build(dir, Scenario.seed().getFirst().route(), java.util.Set.of());

        assertThat(ladder).extracting(LadderStep::label).contains("SYN", "ClientHello", "RST");
        assertThat(ladder).filteredOn(LadderStep::reset).singleElement()
                .satisfies(s -> assertThat(s.from() + ">" + s.to()).isEqualTo("server>socket-b"));
    }

    @Test
    void aUsersLabIsJudgedAtItsOwnTapPointsAndAddresses() throws IOException {
        io.wanlab.core.lab.LabFile lab = new io.wanlab.core.lab.LabFileLoader().load(Path.of("..", "docs", "examples", "branch-offices.yaml"));
        Route route = Route.between(io.wanlab.core.topo.TopologyPlanner.plan("wanlab", lab), "hq", "dc", 443, "other.dc.lab");
        Scenario s = new Scenario("probe-1", "before", new io.wanlab.bench.node.LabSpec("x.yaml", null, null), route,
                Scenario.PathKind.SWITCH_AFTER_PROXY, "off-cloud", "hazard", "#1 above #2");
        int hq = Ipv4.parse("198.18.10.10");
        int dc = Ipv4.parse("198.18.30.10");
        byte[] hello = ClientHellos.jdk("other.dc.lab");
        tap("sock-hq/sock-hq-lan.pcapng", "sock-hq:lan", Packets.syn(hq, PORT, dc, 443, 1), Packets.data(hq, PORT, dc, 443, 2, 9, hello));
        tap("pop/pop-cato-hq.pcapng", "pop:cato-hq", Packets.syn(hq, PORT, dc, 443, 1));
        tap("sock-dc/sock-dc-lan.pcapng", "sock-dc:lan", Packets.data(hq, PORT, dc, 443, 2, 9, hello),
                Packets.tcp(dc, 443, hq, PORT, 0, 0, TcpFlags.RST, new byte[0]));
        events("pop/events.jsonl", EventJson.toJson(new Event.ProxyLeg(1, "pop", "198.18.10.10", PORT, "198.18.30.10", 443, "client",
                "established", "the PoP's kernel completed the client's TCP handshake", true, true)));
        events("sock-hq/events.jsonl", EventJson.toJson(new Event.FlowCreated(1, "sock-hq", 3, "tcp", "198.18.10.10", PORT, "198.18.30.10", 443)),
                EventJson.toJson(new Event.FlowSwitched(3, "sock-hq", 3, "cato", "off-cloud", 1, "HQ to DC over Internet", "re-evaluated")));

        Evidence e = Evidence.collect(dir, s);

        assertThat(e.findings).as(String.join("\n", e.findings)).noneMatch(l -> l.startsWith("MISSING"));
        assertThat(e.findings).anyMatch(l -> l.startsWith("sock-dc's LAN tap: the first packet of 198.18.10.10:" + PORT));
        assertThat(e.path).contains("sock-hq > off-cloud > sock-dc > server");
        List<LadderStep> ladder = Ladder.build(dir, route, e.ports());
        assertThat(Ladder.lanes(route)).containsExactly("client", "sock-hq", "pop", "sock-dc", "server");
        assertThat(ladder).filteredOn(LadderStep::reset).singleElement()
                .satisfies(st -> assertThat(st.from() + ">" + st.to()).isEqualTo("server>sock-dc"));

        // The same captures judged for the wrong flow (another site's host) find nothing of it.
        Route wrong = Route.between(io.wanlab.core.topo.TopologyPlanner.plan("wanlab", lab), "hq", "branch", 443, "other.branch.lab");
        Evidence none = Evidence.collect(dir, new Scenario("probe-2", "before", s.spec(), wrong, Scenario.PathKind.SWITCH_AFTER_PROXY,
                "off-cloud", "", ""));
        assertThat(none.pass()).isFalse();
    }
}
