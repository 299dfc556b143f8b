package io.wanlab.socket;

import static io.wanlab.socket.TestHellos.X25519;
import static io.wanlab.socket.TestHellos.X25519_MLKEM768;
import static io.wanlab.socket.TestHellos.hello;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowState;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.IdentificationLimits;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.rules.RuleEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape of a client's first flight reaches a decision at Socket A (the "bug" preset: rule #1
 * names crm and rides cato, rule #2 sends site A to site B off-cloud). A name the catalog knows as
 * crm keeps the flow on cato, which proves the name was read; anything that names nothing is
 * decided by the rules without an application: rule #2, a switch to off-cloud, and in the bug lab
 * the server's reset. Never a flow left undecided while the client retransmits into nothing.
 */
class ClientHelloShapesTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int CATO = 0;
    static final int OFF_CLOUD = 1;
    static final int ISN = 1000;

    private final RecordingEventLog events = new RecordingEventLog();

    /** What the client sends after its handshake, segment by segment, and what Socket A must make of it. */
    record Shape(String name, List<byte[]> segments, String identifiedAs, String gaveUpBecause, int lastLink) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        byte[] pq = hello().sni("crm.site-b.lab").keyShare(X25519_MLKEM768, 1216).keyShare(X25519, 32)
                .keyShare(0x0017, 65).keyShare(0x0018, 97).records();
        assertThat(pq.length).as("post-quantum sized").isGreaterThan(1500);
        return Stream.of(
                new Shape("no SNI (curl -k https://198.18.2.10/)", one(hello().keyShare(X25519, 32).records()),
                        null, "no SNI", OFF_CLOUD),
                new Shape("TLS 1.2 only", one(hello().sni("crm.site-b.lab").tls12Only().records()),
                        "crm", null, CATO),
                new Shape("several handshake records in one segment",
                        one(hello().sni("crm.site-b.lab").keyShare(X25519, 32).records(64)), "crm", null, CATO),
                new Shape("records spread over many small segments",
                        split(hello().sni("crm.site-b.lab").keyShare(X25519, 32).records(100), 24), "crm", null, CATO),
                new Shape("large: post-quantum key shares over two MSS-sized segments", split(pq, 1460), "crm", null, CATO),
                new Shape("GREASE and ECH extensions (outer SNI)",
                        one(hello().sni("crm.site-b.lab").grease().ech().keyShare(X25519, 32).records()), "crm", null, CATO),
                new Shape("not TLS on 443: plain HTTP",
                        one("GET / HTTP/1.1\r\nHost: crm.site-b.lab\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        "crm", null, CATO),
                new Shape("not TLS or HTTP: a binary protocol", one(new byte[] {0, 0, 0, 12, 1, 2, 3}), null,
                        "not TLS or HTTP", OFF_CLOUD),
                new Shape("ClientHello in 1-byte segments: past identification.maxPackets",
                        split(hello().sni("crm.site-b.lab").keyShare(X25519, 32).records(), 1), null,
                        "identification.maxPackets 32", OFF_CLOUD));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("shapes")
    void everyShapeIsDecided(Shape shape) {
        FlowSteering s = steering(LabPresets.load("bug"));
        assertThat(fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN))).isEqualTo(CATO);
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5001))).isEqualTo(CATO);

        int link = -1;
        int seq = ISN + 1;
        for (byte[] segment : shape.segments()) {
            assertThat(state(s)).as("no decision before the last segment was needed").isEqualTo(FlowState.UNDECIDED);
            link = fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, seq, 5001, segment));
            seq += segment.length;
            if (state(s) == FlowState.DECIDED) {
                break;
            }
        }

        assertThat(state(s)).as("decided, not left waiting").isEqualTo(FlowState.DECIDED);
        assertThat(link).as("the packet that decided it leaves on the decided path").isEqualTo(shape.lastLink());
        if (shape.identifiedAs() != null) {
            assertThat(events.events(Event.AppIdentified.class)).singleElement()
                    .extracting(Event.AppIdentified::application).isEqualTo(shape.identifiedAs());
            assertThat(events.events(Event.AppGaveUp.class)).isEmpty();
        } else {
            assertThat(events.events(Event.AppGaveUp.class)).singleElement()
                    .extracting(Event.AppGaveUp::reason).asString().contains(shape.gaveUpBecause());
            assertThat(events.events(Event.AppIdentified.class)).isEmpty();
        }
        List<Event.FlowDecided> decided = events.events(Event.FlowDecided.class);
        assertThat(decided).singleElement().extracting(Event.FlowDecided::transport)
                .isEqualTo(shape.lastLink() == CATO ? "cato" : "off-cloud");
        assertThat(events.events(Event.FlowSwitched.class)).as("a switch exactly when the path changes")
                .hasSize(shape.lastLink() == CATO ? 0 : 1);
        assertThat(s.drops().total()).isZero();
    }

    @Test
    void noSniClientHelloRetransmittedIsDecidedOnceAndEveryCopyLeaves() {
        // On main this threw from the event (a null server name) and the ClientHello went nowhere.
        FlowSteering s = steering(LabPresets.load("bug"));
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));
        byte[] noSni = hello().keyShare(X25519, 32).records();

        for (int i = 0; i < 3; i++) {
            assertThat(fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1, 5001, noSni)))
                    .as("copy %d of the ClientHello", i + 1).isEqualTo(OFF_CLOUD);
        }
        assertThat(events.events(Event.AppGaveUp.class)).hasSize(1);
        assertThat(events.events(Event.FlowSwitched.class)).singleElement()
                .satisfies(w -> assertThat(w.toTransport()).isEqualTo("off-cloud"));
        assertThat(s.counters().snapshot()).containsEntry("gave-up", 1L).containsEntry("identified", 0L);
    }

    @Test
    void aRetransmittedSegmentIsNotReadTwice() {
        FlowSteering s = steering(LabPresets.load("bug"));
        byte[] hello = hello().sni("crm.site-b.lab").keyShare(X25519, 32).records();
        int cut = 60;
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));
        fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1, 5001, Arrays.copyOf(hello, cut)));
        fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1, 5001, Arrays.copyOf(hello, cut)));
        // A retransmission that overlaps what was read and carries the rest.
        int link = fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1 + cut - 10, 5001,
                Arrays.copyOfRange(hello, cut - 10, hello.length)));

        assertThat(link).isEqualTo(CATO);
        assertThat(events.events(Event.AppIdentified.class)).singleElement()
                .extracting(Event.AppIdentified::serverName).isEqualTo("crm.site-b.lab");
    }

    @Test
    void aSegmentAfterAHoleEndsIdentification() {
        FlowSteering s = steering(LabPresets.load("bug"));
        byte[] hello = hello().sni("crm.site-b.lab").keyShare(X25519, 32).records();
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));

        int link = fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1 + 50, 5001, Arrays.copyOfRange(hello, 50, 120)));

        assertThat(link).isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.AppGaveUp.class)).singleElement().extracting(Event.AppGaveUp::reason).asString()
                .contains("out of order");
    }

    @Test
    void aClientThatSendsNothingIsDecidedWhenTheServerSpeaksFirst() {
        // TLS inspection off (pass-through): the server's banner comes back over cato before any client byte.
        FlowSteering s = steering(LabPresets.load("bug"));
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));
        fromLink(s, Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, ISN + 1), CATO);
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5001))).isEqualTo(CATO);
        assertThat(state(s)).isEqualTo(FlowState.UNDECIDED);

        assertThat(fromLink(s, Packets.data(SERVER, 443, CLIENT, 40000, 5001, ISN + 1,
                "220 smtp.site-b.lab ESMTP\r\n".getBytes(StandardCharsets.US_ASCII)), CATO)).isEqualTo(FlowSteering.TO_LAN);

        assertThat(state(s)).isEqualTo(FlowState.DECIDED);
        assertThat(events.events(Event.AppGaveUp.class)).singleElement().extracting(Event.AppGaveUp::reason).asString()
                .contains("the server spoke first");
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5028)))
                .as("the client's next packet takes the rules' path").isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.FlowSwitched.class)).hasSize(1);
    }

    @Test
    void aClientThatSendsOnlyAcksIsDecidedAtTheLabsPacketBound() {
        FlowSteering s = steering(LabPresets.load("bug").withIdentification(new IdentificationLimits(4, 32768)));
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));
        fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5001));
        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5001))).isEqualTo(CATO);

        assertThat(fromLan(s, Packets.ack(CLIENT, 40000, SERVER, 443, ISN + 1, 5001))).as("the 4th packet").isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.AppGaveUp.class)).singleElement().extracting(Event.AppGaveUp::reason).asString()
                .contains("4 packets").contains("identification.maxPackets 4");
        assertThat(events.events(Event.FlowDecided.class)).singleElement().extracting(Event.FlowDecided::ruleIndex)
                .as("rule #2, the rules without an application").isEqualTo(1);
    }

    @Test
    void aClientHelloLargerThanTheLabsByteBoundIsDecidedWithoutAName() {
        FlowSteering s = steering(LabPresets.load("bug").withIdentification(new IdentificationLimits(32, 1000)));
        byte[] pq = hello().sni("crm.site-b.lab").keyShare(X25519_MLKEM768, 1216).records();
        fromLan(s, Packets.syn(CLIENT, 40000, SERVER, 443, ISN));

        assertThat(fromLan(s, Packets.data(CLIENT, 40000, SERVER, 443, ISN + 1, 5001, Arrays.copyOf(pq, 1200))))
                .isEqualTo(OFF_CLOUD);
        assertThat(events.events(Event.AppGaveUp.class)).singleElement().extracting(Event.AppGaveUp::reason).asString()
                .contains("1200 payload bytes").contains("identification.maxBytes 1000");
    }

    // ---- helpers

    private FlowSteering steering(LabFile lab) {
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        return new FlowSteering("socket-a", RuleEngine.compile(lab), new FlowTable(FlowTableConfig.defaults().withCapacity(64)),
                links, events, () -> 0L);
    }

    private static FlowState state(FlowSteering s) {
        return s.flows().state(s.flows().lookup(CLIENT, SERVER, 6, 40000, 443));
    }

    private static List<byte[]> one(byte[] b) {
        return List.of(b);
    }

    private static List<byte[]> split(byte[] b, int size) {
        List<byte[]> parts = new ArrayList<>();
        for (int p = 0; p < b.length; p += size) {
            parts.add(Arrays.copyOfRange(b, p, Math.min(b.length, p + size)));
        }
        return parts;
    }

    static int fromLan(FlowSteering s, ByteBuf packet) {
        try {
            return s.fromLan(packet);
        } finally {
            packet.release();
        }
    }

    static int fromLink(FlowSteering s, ByteBuf packet, int link) {
        try {
            return s.fromLink(packet, link);
        } finally {
            packet.release();
        }
    }
}
