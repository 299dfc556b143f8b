package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.json.Json;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.link.LinkListener;
import io.wanlab.core.link.Frame;
import io.wanlab.core.link.NodeTransport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.topo.InterfaceAddress;
import io.wanlab.core.topo.LinkEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code link show} and {@code link set} over the control requests, answered on the node's loop. */
class LinkControlTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final RecordingEventLog events = new RecordingEventLog();
    private final LinkListener quiet = new LinkListener() {
        @Override
        public void linkUp(int link, String peer) {
        }

        @Override
        public void linkDown(int link, String reason) {
        }

        @Override
        public void packets(int link, Frame.Data data) {
        }
    };
    private final LinkEndpoint[] endpoints = {
        endpoint(0, "cato-a", LinkKind.CATO, "pop"), endpoint(1, "off-cloud", LinkKind.OFF_CLOUD, "socket-b")};
    private final LinkControl control = new LinkControl("socket-a", endpoints, () -> events);
    private final ControlRequests requests = new ControlRequests(loop, () -> "{}", words -> null, r -> "unused", control);

    @AfterEach
    void stop() {
        loop.shutdownGracefully().syncUninterruptibly();
    }

    private LinkEndpoint endpoint(int i, String link, LinkKind kind, String peer) {
        LinkEnd end = new LinkEnd(link, kind, "l-" + link, new InterfaceAddress(Ipv4.parse("198.19.0.1"), 30), peer,
                Ipv4.parse("198.19.0.2"), false, 9000 + i);
        return new LinkEndpoint(i, "socket-a", end, new LinkAuth(new byte[32]), quiet, loop, NodeTransport.best());
    }

    private JsonNode ask(String request) {
        return Json.strict().readTree(requests.answer(request));
    }

    @Test
    void setChangesOnlyWhatItNamesAndLogsEachChange() {
        JsonNode set = ask("link set off-cloud delay=30ms loss=1%");
        assertThat(set.get("ok").booleanValue()).as(set.toString()).isTrue();
        assertThat(set.at("/links/0/name").stringValue()).isEqualTo("off-cloud");
        assertThat(set.at("/links/0/impairment").stringValue()).isEqualTo("delay=30ms loss=1% seed=1");
        JsonNode more = ask("link set off-cloud blackhole");
        assertThat(more.at("/links/0/impairment").stringValue()).isEqualTo("delay=30ms loss=1% blackhole seed=1");
        JsonNode cleared = ask("link set off-cloud none jitter=0 rate=2mbit");
        assertThat(cleared.at("/links/0/impairment").stringValue()).isEqualTo("rate=2mbit");

        JsonNode show = ask("link show");
        assertThat(show.get("links")).hasSize(2);
        assertThat(show.at("/links/0/impairment").stringValue()).isEqualTo("none");
        assertThat(show.at("/links/1/impairment").stringValue()).isEqualTo("rate=2mbit");
        assertThat(show.at("/links/1/keepalive").stringValue()).isEqualTo("interval=1000ms misses=5");
        assertThat(show.at("/links/1/queued").longValue()).isZero();

        assertThat(events.events(Event.LinkImpaired.class)).extracting(Event.LinkImpaired::impairment)
                .containsExactly("delay=30ms loss=1% seed=1", "delay=30ms loss=1% blackhole seed=1", "rate=2mbit");
        assertThat(events.events(Event.LinkImpaired.class)).allMatch(e -> e.source().equals("control") && e.node().equals("socket-a"));
    }

    @Test
    void mistakesAreClearErrorsAndChangeNothing() {
        assertThat(ask("link set nope delay=3ms").get("error").stringValue())
                .isEqualTo("link set: node socket-a has no link 'nope' (it has: cato-a, off-cloud)");
        assertThat(ask("link set off-cloud delay=3xs").get("error").stringValue())
                .isEqualTo("link set off-cloud: duration: '3xs' (expected: a number and a unit us, ms or s, such as 30ms)");
        assertThat(ask("link set off-cloud").get("error").stringValue()).startsWith("link set: expected LINK and at least one setting");
        assertThat(ask("link dance").get("error").stringValue()).isEqualTo("link: unknown request 'dance' (expected: show or set)");
        assertThat(events.events(Event.LinkImpaired.class)).isEmpty();
        assertThat(ask("link show").at("/links/1/impairment").stringValue()).isEqualTo("none");
    }

    @Test
    void theLabFileSetsEachEndsOwnImpairmentAndKeepalive() {
        String yaml = """
                name: t
                account: {tlsInspection: true}
                sites:
                  - {name: site-a, subnets: [198.18.1.0/24], socket: socket-a}
                  - {name: site-b, subnets: [198.18.2.0/24], socket: socket-b}
                links:
                  - {name: cato-a, kind: cato, endpoints: [socket-a, pop]}
                  - {name: cato-b, kind: cato, endpoints: [socket-b, pop]}
                  - name: off-cloud
                    kind: off-cloud
                    endpoints: [socket-a, socket-b]
                    impair: {socket-a: {delay: 15ms}, socket-b: {loss: 2%}}
                    keepalive: {interval: 200ms, misses: 3}
                rules: []
                """;
        LabFile lab = new LabFileLoader().parse("t.yaml", yaml);
        control.configure(lab);
        loop.submit(() -> control.applyLabFile(lab)).syncUninterruptibly();
        assertThat(endpoints[1].keepalive().silentMillis()).isEqualTo(600);
        assertThat(ask("link show").at("/links/1/impairment").stringValue()).isEqualTo("delay=15ms");
        assertThat(ask("link show").at("/links/0/impairment").stringValue()).isEqualTo("none");
        assertThat(events.events(Event.LinkImpaired.class)).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("lab file"));
    }
}
