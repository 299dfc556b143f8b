package io.wanlab.socket;

import static io.wanlab.socket.ClientHelloShapesTest.fromLan;
import static io.wanlab.socket.ClientHelloShapesTest.fromLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.event.Event;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowState;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.rules.RuleEngine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new connection is a new flow: a SYN on the 5-tuple of a connection that ended (RST, FIN both
 * ways), idled out or was given up (another ISN) starts a flow decided afresh, with an event that
 * names the old one. A retransmitted SYN (same ISN) stays in its flow. On main, a client that reused
 * a source port inherited the old flow's "off-cloud" and its SYN went straight to the server.
 */
class NewConnectionTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int CATO = 0;
    static final int OFF_CLOUD = 1;

    private final AtomicLong clock = new AtomicLong();
    private final RecordingEventLog events = new RecordingEventLog();
    private final FlowSteering socketA = steering("socket-a");

    /** The seed's connection at Socket A: SYN over cato, ClientHello switched off-cloud. Returns its flow id. */
    private long seedConnection(int isn) {
        assertThat(fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, isn))).isEqualTo(CATO);
        fromLink(socketA, Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, isn + 1), CATO);
        fromLan(socketA, Packets.ack(CLIENT, 40000, SERVER, 443, isn + 1, 5001));
        assertThat(fromLan(socketA, Packets.data(CLIENT, 40000, SERVER, 443, isn + 1, 5001,
                ClientHellos.jdk("app.site-b.lab", "http/1.1")))).isEqualTo(OFF_CLOUD);
        return socketA.lastFlowId();
    }

    @ParameterizedTest(name = "{index}: after {0}")
    @ValueSource(strings = {"rst", "fin"})
    void aSynAfterTheConnectionEndedStartsAFreshFlowDecidedAgain(String end) {
        long first = seedConnection(1000);
        if (end.equals("rst")) {
            fromLink(socketA, Packets.rst(SERVER, 443, CLIENT, 40000, 5001), OFF_CLOUD);
        } else {
            fromLan(socketA, Packets.fin(CLIENT, 40000, SERVER, 443, 2000, 5001));
            fromLink(socketA, Packets.fin(SERVER, 443, CLIENT, 40000, 5001, 2001), OFF_CLOUD);
        }

        int link = fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 77_000));

        assertThat(link).as("the new SYN is undecided again, so it rides cato as the first one did").isEqualTo(CATO);
        long second = socketA.lastFlowId();
        assertThat(second).isNotEqualTo(first);
        assertThat(socketA.flows().size()).isEqualTo(1);
        assertThat(socketA.flows().state(socketA.flows().lookup(CLIENT, SERVER, 6, 40000, 443))).isEqualTo(FlowState.UNDECIDED);
        assertThat(events.events(Event.FlowReplaced.class)).singleElement().satisfies(r -> {
            assertThat(r.flowId()).isEqualTo(first);
            assertThat(r.newFlowId()).isEqualTo(second);
            assertThat(r.reason()).isEqualTo(end);
        });
        assertThat(events.events(Event.FlowCreated.class)).hasSize(2);
        assertThat(events.events(Event.FlowUndecided.class)).hasSize(2);
        assertThat(socketA.counters().replaced()).isEqualTo(1);
        assertThat(socketA.counters().newFlows()).isEqualTo(2);
    }

    @Test
    void aRetransmittedSynStaysInItsFlow() {
        fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        long id = socketA.lastFlowId();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(3));

        assertThat(fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 1000))).isEqualTo(CATO);

        assertThat(socketA.lastFlowId()).isEqualTo(id);
        assertThat(events.events(Event.FlowReplaced.class)).isEmpty();
        assertThat(socketA.counters().newFlows()).isEqualTo(1);
    }

    @Test
    void aRetransmittedSynOfADecidedFlowKeepsItsDecision() {
        long id = seedConnection(1000);

        assertThat(fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 1000))).isEqualTo(OFF_CLOUD);
        assertThat(socketA.lastFlowId()).isEqualTo(id);
    }

    @Test
    void aSynWithAnotherIsnOnAHalfOpenFlowIsANewConnection() {
        // The client gave the first attempt up (its timeout) and the kernel reused the port.
        fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        long first = socketA.lastFlowId();

        fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 9_000_000));

        assertThat(socketA.lastFlowId()).isNotEqualTo(first);
        assertThat(events.events(Event.FlowReplaced.class)).singleElement().extracting(Event.FlowReplaced::reason)
                .isEqualTo("new-isn");
    }

    @Test
    void aSynAfterTheFlowIdledOutIsANewFlowEvenBeforeTheSweep() {
        long first = seedConnection(1000);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(301)); // established flows idle out after 300 s

        assertThat(fromLan(socketA, Packets.syn(CLIENT, 40000, SERVER, 443, 1000))).isEqualTo(CATO);

        assertThat(socketA.lastFlowId()).isNotEqualTo(first);
        assertThat(events.events(Event.FlowReplaced.class)).singleElement().extracting(Event.FlowReplaced::reason)
                .isEqualTo("idle");
    }

    @Test
    void aLateAckOfAResetFlowDoesNotStartOne() {
        long id = seedConnection(1000);
        fromLink(socketA, Packets.rst(SERVER, 443, CLIENT, 40000, 5001), OFF_CLOUD);

        fromLan(socketA, Packets.ack(CLIENT, 40000, SERVER, 443, 1600, 5001));

        assertThat(socketA.lastFlowId()).isEqualTo(id);
        assertThat(events.events(Event.FlowReplaced.class)).isEmpty();
    }

    @Test
    void socketBStartsAFreshFlowForANewConnectionArrivingOverALink() {
        FlowSteering socketB = steering("socket-b");
        fromLink(socketB, Packets.syn(CLIENT, 40000, SERVER, 443, 1000), CATO);
        long first = socketB.lastFlowId();
        fromLan(socketB, Packets.rst(SERVER, 443, CLIENT, 40000, 0));

        assertThat(fromLink(socketB, Packets.syn(CLIENT, 40000, SERVER, 443, 50_000), OFF_CLOUD)).isEqualTo(FlowSteering.TO_LAN);

        assertThat(socketB.lastFlowId()).isNotEqualTo(first);
        int slot = socketB.flows().lookup(CLIENT, SERVER, 6, 40000, 443);
        assertThat(socketB.flows().forwardLink(slot)).isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.FlowReplaced.class)).singleElement().extracting(Event.FlowReplaced::reason)
                .isEqualTo("rst");
    }

    private FlowSteering steering(String node) {
        LabFile lab = LabPresets.load("bug");
        SocketLinks links = SocketLinks.of(lab, node);
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        return new FlowSteering(node, RuleEngine.compile(lab), new FlowTable(FlowTableConfig.defaults().withCapacity(64)), links,
                events, clock::get);
    }
}
