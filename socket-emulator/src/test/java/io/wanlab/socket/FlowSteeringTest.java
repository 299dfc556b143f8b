package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowState;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.Packets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FlowSteering's edges beyond the seed scenario: malformed packets, link failover, flows that
 * carry nothing to identify, resets, the return path of flows that arrive over links, and flow
 * expiry on a fake clock. Links in the presets: socket-a has cato-a 0, off-cloud 1, alt-wan 2;
 * socket-b has cato-b 0, off-cloud 1, alt-wan 2.
 */
class FlowSteeringTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int CATO = 0;
    static final int OFF_CLOUD = 1;
    static final int ALT_WAN = 2;
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong();
    private final RecordingEventLog events = new RecordingEventLog();

    private FlowSteering steering(String preset, String node, FlowTableConfig config) {
        var lab = LabPresets.load(preset);
        SocketLinks links = SocketLinks.of(lab, node);
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        return new FlowSteering(node, io.wanlab.core.rules.RuleEngine.compile(lab), new FlowTable(config), links, events,
                clock::get);
    }

    private FlowSteering steering(String preset, String node) {
        return steering(preset, node, FlowTableConfig.defaults().withCapacity(64));
    }

    private static int fromLan(FlowSteering s, ByteBuf packet) {
        try {
            return s.fromLan(packet);
        } finally {
            packet.release();
        }
    }

    private static int fromLink(FlowSteering s, ByteBuf packet, int link) {
        try {
            return s.fromLink(packet, link);
        } finally {
            packet.release();
        }
    }

    private static long counter(FlowSteering s, String name) {
        return s.counters().snapshot().get(name);
    }

    // ---- malformed input

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", (Supplier<ByteBuf>) Unpooled::buffer, DropReason.TRUNCATED),
                Arguments.of("IPv6 router solicitation", packet(() -> set(syn(), 0, 0x60)), DropReason.UNSUPPORTED_VERSION_IPV6),
                Arguments.of("IHL below 5", packet(() -> set(syn(), 0, 0x43)), DropReason.BAD_HEADER_LENGTH),
                Arguments.of("total length past the buffer", packet(() -> cut(syn(), 30)), DropReason.TOTAL_LENGTH_BEYOND_BUFFER),
                Arguments.of("fragment", packet(() -> setShort(syn(), 6, 0x2000)), DropReason.FRAGMENT),
                Arguments.of("TCP data offset below 5", packet(() -> set(syn(), 32, 0x10)), DropReason.TCP_BAD_DATA_OFFSET),
                Arguments.of("UDP shorter than its header", packet(() -> Packets.ipv4(CLIENT, SERVER, 17, new byte[3])),
                        DropReason.UDP_TRUNCATED),
                Arguments.of("ICMP shorter than its header", packet(() -> Packets.ipv4(CLIENT, SERVER, 1, new byte[3])),
                        DropReason.ICMP_TRUNCATED));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void malformedFromTheLanIsDroppedAndCounted(String name, Supplier<ByteBuf> packet, DropReason reason) {
        FlowSteering s = steering("bug", "socket-a");

        assertThat(fromLan(s, packet.get())).isEqualTo(FlowSteering.DROP);

        assertThat(s.drops().get(reason)).isEqualTo(1);
        assertThat(s.drops().total()).isEqualTo(1);
        assertThat(counter(s, "lan-dropped")).isEqualTo(1);
        assertThat(counter(s, "lan-packets")).isZero();
        assertThat(counter(s, "no-route")).as("malformed is not a routing failure").isZero();
        assertThat(s.flows().size()).as("no flow for a packet that was not understood").isZero();
        assertThat(s.lastFlowId()).isEqualTo(-1);
        assertThat(events.events()).isEmpty();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void malformedFromALinkIsDroppedAndCounted(String name, Supplier<ByteBuf> packet, DropReason reason) {
        FlowSteering s = steering("bug", "socket-b");

        assertThat(fromLink(s, packet.get(), CATO)).isEqualTo(FlowSteering.DROP);

        assertThat(s.drops().get(reason)).isEqualTo(1);
        assertThat(s.drops().total()).isEqualTo(1);
        assertThat(counter(s, "link-dropped")).isEqualTo(1);
        assertThat(counter(s, "link-packets")).isZero();
        assertThat(s.flows().size()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void malformedPacketsDoNotDisturbALiveFlow() {
        FlowSteering s = steering("fixed", "socket-a");
        assertThat(fromLan(s, syn())).isEqualTo(OFF_CLOUD);
        fromLan(s, set(syn(), 0, 0x60));
        fromLink(s, cut(syn(), 10), CATO);

        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001))).isEqualTo(OFF_CLOUD);
        assertThat(s.flows().size()).isEqualTo(1);
        assertThat(s.drops().total()).isEqualTo(2);
    }

    // ---- link failover

    @Test
    void decidedFlowFallsBackToTheSecondaryWhileItsLinkIsDown() {
        // "fixed": the simple rule decides off-cloud on the SYN, with secondary cato.
        FlowSteering s = steering("fixed", "socket-a");
        assertThat(fromLan(s, syn())).isEqualTo(OFF_CLOUD);

        s.links().setUp(OFF_CLOUD, false);
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001))).as("off-cloud down: cato").isEqualTo(CATO);
        assertThat(s.lastTransport()).as("the decision is still off-cloud").isEqualTo(Transport.OFF_CLOUD);

        s.links().setUp(CATO, false);
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001))).as("both down").isEqualTo(FlowSteering.DROP);
        assertThat(s.counters().noRoute()).isEqualTo(1);

        s.links().setUp(OFF_CLOUD, true);
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001))).as("back on the primary").isEqualTo(OFF_CLOUD);

        assertThat(events.events(Event.FlowSwitched.class)).as("failover is not a rule switch").isEmpty();
        assertThat(s.flows().size()).isEqualTo(1);
    }

    @Test
    void switchedFlowFallsBackToTheSecondaryOfTheRuleThatDecidedIt() {
        // "bug": the ClientHello re-decides the flow by the simple rule (off-cloud, secondary cato).
        FlowSteering s = steering("bug", "socket-a");
        assertThat(fromLan(s, syn())).isEqualTo(CATO);
        s.links().setUp(OFF_CLOUD, false);

        int helloLink = fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001,
                ClientHellos.jdk("app.site-b.lab", "http/1.1")));

        assertThat(s.lastTransport()).isEqualTo(Transport.OFF_CLOUD);
        assertThat(helloLink).as("off-cloud is down: the rule's secondary").isEqualTo(CATO);
    }

    @Test
    void undecidedFlowHasNoFallbackWhenCatoIsDown() {
        // The complex rule names no secondary, and undecided flows ride cato.
        FlowSteering s = steering("bug", "socket-a");
        s.links().setUp(CATO, false);

        assertThat(fromLan(s, syn())).isEqualTo(FlowSteering.DROP);
        assertThat(s.counters().noRoute()).isEqualTo(1);
        assertThat(s.flows().state(s.flows().lookup(CLIENT, SERVER, 6, 40000, 443))).isEqualTo(FlowState.UNDECIDED);
    }

    // ---- nothing to identify

    static Stream<Arguments> notTcp() {
        return Stream.of(
                Arguments.of("UDP", (Supplier<ByteBuf>) () -> Packets.udp(CLIENT, 5353, SERVER, 53, new byte[] {1, 2, 3}), 17),
                Arguments.of("ICMP echo", (Supplier<ByteBuf>) () -> Packets.icmpEchoRequest(CLIENT, SERVER, 7, 1, new byte[8]), 1),
                Arguments.of("GRE", (Supplier<ByteBuf>) () -> Packets.ipv4(CLIENT, SERVER, 47, new byte[8]), 47));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("notTcp")
    void nonTcpFlowUnderTheComplexRuleIsDecidedOnItsFirstPacket(String name, Supplier<ByteBuf> packet, int protocol) {
        FlowSteering s = steering("bug", "socket-a");

        assertThat(fromLan(s, packet.get())).as("the first packet already takes the simple rule's path").isEqualTo(OFF_CLOUD);

        List<Class<?>> kinds = events.events().stream().<Class<?>>map(Object::getClass).toList();
        assertThat(kinds).containsExactly(Event.FlowCreated.class, Event.FlowUndecided.class, Event.AppGaveUp.class,
                Event.FlowDecided.class);
        long id = s.lastFlowId();
        assertThat(events.events(Event.AppGaveUp.class)).singleElement().satisfies(g -> {
            assertThat(g.flowId()).isEqualTo(id);
            assertThat(g.reason()).contains("protocol " + protocol);
        });
        assertThat(events.events(Event.FlowDecided.class)).singleElement().satisfies(d -> {
            assertThat(d.ruleIndex()).isEqualTo(1);
            assertThat(d.transport()).isEqualTo("off-cloud");
        });
        assertThat(s.counters().switched()).as("no packet of it ever went over cato: not a switch").isZero();
        assertThat(counter(s, "gave-up")).as("counted as its event says").isEqualTo(1);
        assertThat(s.flows().state(s.flows().lookup(CLIENT, SERVER, protocol, portOf(protocol, true), portOf(protocol, false))))
                .isEqualTo(FlowState.DECIDED);

        assertThat(fromLan(s, packet.get())).as("later packets: one lookup, same path").isEqualTo(OFF_CLOUD);
        assertThat(events.events()).as("and no new events").hasSize(4);
    }

    @Test
    void tcpFlowIdentifiedOnTheFirstPacketSeenIsDecidedNotSwitched() {
        // A flow picked up mid-stream: its first packet seen already names the server.
        FlowSteering s = steering("bug", "socket-a");

        assertThat(fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001, ClientHellos.jdk("app.site-b.lab", "http/1.1"))))
                .isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.AppIdentified.class)).hasSize(1);
        assertThat(events.events(Event.FlowSwitched.class)).isEmpty();
        assertThat(s.counters().switched()).isZero();
    }

    private static int portOf(int protocol, boolean source) {
        return switch (protocol) {
            case 17 -> source ? 5353 : 53;
            case 1 -> 7;
            default -> 0;
        };
    }

    // ---- resets

    @Test
    void resetFromTheLanIsAnEvent() {
        FlowSteering s = steering("fixed", "socket-a");
        fromLan(s, syn());
        long id = s.lastFlowId();

        assertThat(fromLan(s, Packets.rst(CLIENT, 40000, SERVER, 443, 1001))).as("the RST still goes out").isEqualTo(OFF_CLOUD);

        assertThat(events.events(Event.ResetSeen.class)).singleElement().satisfies(r -> {
            assertThat(r.flowId()).isEqualTo(id);
            assertThat(r.direction()).isEqualTo("lan-forward");
            assertThat(r.where()).isEqualTo("socket-a");
        });
        assertThat(counter(s, "resets")).isEqualTo(1);
    }

    @Test
    void resetsOnEitherSideSayWhichWay() {
        // Socket B: the flow comes in over a link; the server (on B's LAN) and the client both reset.
        FlowSteering s = steering("bug", "socket-b");
        fromLink(s, syn(), CATO);
        fromLan(s, Packets.rst(SERVER, 443, CLIENT, 40000, 5001));
        fromLink(s, Packets.rst(CLIENT, 40000, SERVER, 443, 1001), OFF_CLOUD);
        fromLink(s, Packets.rst(SERVER, 443, CLIENT, 40000, 5001), CATO);

        assertThat(events.events(Event.ResetSeen.class)).extracting(Event.ResetSeen::direction)
                .containsExactly("lan-reply", "link-forward", "link-reply");
        assertThat(counter(s, "resets")).isEqualTo(3);
    }

    // ---- return path (DESIGN 4.3)

    @Test
    void repliesFollowTheLinkOfTheLatestForwardPacketAsItChanges() {
        FlowSteering s = steering("bug", "socket-b");

        assertThat(fromLink(s, syn(), CATO)).isEqualTo(FlowSteering.TO_LAN);
        assertThat(events.events(Event.FlowCreated.class)).singleElement().satisfies(c -> {
            assertThat(c.srcAddr()).isEqualTo("198.18.1.10");
            assertThat(c.dstPort()).isEqualTo(443);
        });
        assertThat(fromLan(s, Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, 1001))).isEqualTo(CATO);

        int[] path = {OFF_CLOUD, ALT_WAN, CATO, OFF_CLOUD};
        for (int link : path) {
            assertThat(fromLink(s, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001), link)).isEqualTo(FlowSteering.TO_LAN);
            assertThat(s.flows().transport(s.flows().lookup(CLIENT, SERVER, 6, 40000, 443)))
                    .as("the flow shows the transport it arrives on").isEqualTo(s.links().link(link).kind().transport());
            assertThat(fromLan(s, Packets.ack(SERVER, 443, CLIENT, 40000, 5001, 1001)))
                    .as("reply after a forward packet over " + s.links().link(link).name()).isEqualTo(link);
        }

        // A reply arriving over another link (the remote side's return path) does not move ours.
        fromLink(s, Packets.ack(SERVER, 443, CLIENT, 40000, 5001, 1001), ALT_WAN);
        assertThat(fromLan(s, Packets.ack(SERVER, 443, CLIENT, 40000, 5001, 1001))).isEqualTo(OFF_CLOUD);

        assertThat(s.flows().size()).isEqualTo(1);
        assertThat(events.events(Event.FlowCreated.class)).hasSize(1);
        assertThat(events.events(Event.FlowSwitched.class)).as("Socket B decides nothing for flows it did not start").isEmpty();
    }

    @Test
    void replyWhoseLinkIsDownIsDroppedNotRerouted() {
        FlowSteering s = steering("bug", "socket-b");
        fromLink(s, syn(), OFF_CLOUD);
        s.links().setUp(OFF_CLOUD, false);

        assertThat(fromLan(s, Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, 1001))).isEqualTo(FlowSteering.DROP);
        assertThat(s.counters().noRoute()).isEqualTo(1);
    }

    // ---- expiry on a fake clock

    private static FlowTableConfig shortTimeouts(int capacity) {
        return new FlowTableConfig(capacity, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void idleFlowsExpireByTheSteeringClockWithAnEventEach() {
        FlowSteering s = steering("fixed", "socket-a", shortTimeouts(64));
        fromLan(s, Packets.udp(CLIENT, 5353, SERVER, 53, new byte[] {1}));
        long udp = s.lastFlowId();
        fromLan(s, Packets.icmpEchoRequest(CLIENT, SERVER, 7, 1, new byte[8]));
        long icmp = s.lastFlowId();
        fromLan(s, syn());
        long tcp = s.lastFlowId();
        fromLan(s, Packets.syn(CLIENT, 40001, SERVER, 443, 1000));
        long reset = s.lastFlowId();
        fromLan(s, Packets.rst(CLIENT, 40001, SERVER, 443, 1001));

        clock.set(SECOND / 2);
        fromLan(s, Packets.icmpEchoRequest(CLIENT, SERVER, 7, 2, new byte[8]));
        clock.set(SECOND + SECOND / 4);
        assertThat(s.flows().expire(clock.get(), 100)).as("UDP and the reset TCP flow, idle past 1 s").isEqualTo(2);
        assertThat(expired()).containsExactlyInAnyOrder(udp + ":udp", reset + ":tcp_closing");

        clock.set(SECOND + 3 * SECOND / 4);
        assertThat(s.flows().expire(clock.get(), 100)).as("ICMP, seen again at 0.5 s").isEqualTo(1);
        assertThat(expired()).contains(icmp + ":other");

        clock.set(3 * SECOND);
        assertThat(s.flows().expire(clock.get(), 100)).as("the unanswered SYN, idle past 2 s").isEqualTo(1);
        assertThat(expired()).contains(tcp + ":tcp_half_open").hasSize(4);
        assertThat(s.flows().size()).isZero();

        fromLan(s, Packets.udp(CLIENT, 5353, SERVER, 53, new byte[] {2}));
        assertThat(s.lastFlowId()).as("a packet after expiry starts a new flow").isNotEqualTo(udp);
        assertThat(events.events(Event.FlowCreated.class)).hasSize(5);
        assertThat(events.events(Event.FlowEvicted.class)).isEmpty();
    }

    @Test
    void expiryForgetsAnUnfinishedIdentification() {
        FlowSteering s = steering("bug", "socket-a", shortTimeouts(64));
        byte[] hello = ClientHellos.jdk("app.site-b.lab", "http/1.1");
        fromLan(s, syn());
        fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001, java.util.Arrays.copyOf(hello, 40)));

        clock.set(10 * SECOND);
        assertThat(s.flows().expire(clock.get(), 100)).isEqualTo(1);

        // The same 5-tuple again: a new flow whose identification starts from scratch.
        fromLan(s, syn());
        assertThat(fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, 1001, 5001, hello))).isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.AppIdentified.class)).singleElement()
                .extracting(Event.AppIdentified::serverName).isEqualTo("app.site-b.lab");
    }

    @Test
    void fullTableEvictsWithAnEvent() {
        FlowSteering s = steering("fixed", "socket-a", shortTimeouts(1));
        fromLan(s, syn());
        long first = s.lastFlowId();
        fromLan(s, Packets.syn(CLIENT, 40001, SERVER, 443, 1000));

        assertThat(events.events(Event.FlowEvicted.class)).singleElement().extracting(Event.FlowEvicted::flowId).isEqualTo(first);
        assertThat(s.flows().size()).isEqualTo(1);
    }

    private List<String> expired() {
        return events.events(Event.FlowExpired.class).stream().map(e -> e.flowId() + ":" + e.kind()).toList();
    }

    // ---- packet surgery

    private static Supplier<ByteBuf> packet(Supplier<ByteBuf> s) {
        return s;
    }

    private static ByteBuf syn() {
        return Packets.syn(CLIENT, 40000, SERVER, 443, 1000);
    }

    private static ByteBuf set(ByteBuf b, int index, int value) {
        b.setByte(index, value);
        return b;
    }

    private static ByteBuf setShort(ByteBuf b, int index, int value) {
        b.setShort(index, value);
        return b;
    }

    private static ByteBuf cut(ByteBuf b, int length) {
        ByteBuf copy = b.copy(0, length);
        b.release();
        return copy;
    }
}
