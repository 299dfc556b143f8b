package io.wanlab.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
    private static final long T = 1_767_225_600_123L;

    static Stream<Arguments> everyEventType() {
        return Stream.of(
                Arguments.of(new Event.FlowCreated(T, "socket-a", 7, "tcp", "198.18.1.10", 40_000, "198.18.2.10", 443),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"flow-created\",\"flowId\":7,\"protocol\":\"tcp\","
                                + "\"srcAddr\":\"198.18.1.10\",\"srcPort\":40000,\"dstAddr\":\"198.18.2.10\",\"dstPort\":443}"),
                Arguments.of(new Event.FlowDecided(T, "socket-a", 7, 2, "site-a-to-b", "off-cloud", "simple rule matched on SYN"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"flow-decided\",\"flowId\":7,\"ruleIndex\":2,"
                                + "\"ruleName\":\"site-a-to-b\",\"transport\":\"off-cloud\",\"reason\":\"simple rule matched on SYN\"}"),
                Arguments.of(new Event.FlowUndecided(T, "socket-a", 7, 1, "office-apps", "rule 1 needs the application"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"flow-undecided\",\"flowId\":7,\"blockingRuleIndex\":1,"
                                + "\"ruleName\":\"office-apps\",\"explanation\":\"rule 1 needs the application\"}"),
                Arguments.of(new Event.AppIdentified(T, "socket-a", 7, "tls-sni", "app.example.test", "example-app", "business"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"app-identified\",\"flowId\":7,\"kind\":\"tls-sni\","
                                + "\"serverName\":\"app.example.test\",\"application\":\"example-app\",\"category\":\"business\"}"),
                Arguments.of(new Event.AppIdentified(T, "socket-a", 7, "http-host", "unknown.test", null, null),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"app-identified\",\"flowId\":7,\"kind\":\"http-host\","
                                + "\"serverName\":\"unknown.test\",\"application\":null,\"category\":null}"),
                Arguments.of(new Event.AppGaveUp(T, "socket-a", 7, "not tls"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"app-gave-up\",\"flowId\":7,\"reason\":\"not tls\"}"),
                Arguments.of(new Event.FlowSwitched(T, "socket-a", 7, "cato", "off-cloud", 2, "site-a-to-b", "identified, rule 1 no longer matches"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"flow-switched\",\"flowId\":7,\"fromTransport\":\"cato\","
                                + "\"toTransport\":\"off-cloud\",\"ruleIndex\":2,\"ruleName\":\"site-a-to-b\","
                                + "\"explanation\":\"identified, rule 1 no longer matches\"}"),
                Arguments.of(new Event.PacketDropped(T, "pop", "bad-frame", "data packet count: 0"),
                        "{\"time\":1767225600123,\"node\":\"pop\",\"type\":\"packet-dropped\",\"reason\":\"bad-frame\",\"detail\":\"data packet count: 0\"}"),
                Arguments.of(new Event.FlowExpired(T, "socket-b", -3, "idle"),
                        "{\"time\":1767225600123,\"node\":\"socket-b\",\"type\":\"flow-expired\",\"flowId\":-3,\"kind\":\"idle\"}"),
                Arguments.of(new Event.FlowEvicted(T, "socket-b", Long.MAX_VALUE),
                        "{\"time\":1767225600123,\"node\":\"socket-b\",\"type\":\"flow-evicted\",\"flowId\":9223372036854775807}"),
                Arguments.of(new Event.FlowReplaced(T, "socket-a", 7, 8, "rst"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"flow-replaced\",\"flowId\":7,\"newFlowId\":8,\"reason\":\"rst\"}"),
                Arguments.of(new Event.LinkUp(T, "socket-a", "off-cloud", "socket-b"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"link-up\",\"link\":\"off-cloud\",\"peer\":\"socket-b\"}"),
                Arguments.of(new Event.LinkDown(T, "socket-a", "cato-a", "keepalive timeout"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"link-down\",\"link\":\"cato-a\",\"reason\":\"keepalive timeout\"}"),
                Arguments.of(new Event.LinkImpaired(T, "socket-a", "off-cloud", "delay=30ms loss=1% seed=1", "control"),
                        "{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"link-impaired\",\"link\":\"off-cloud\","
                                + "\"impairment\":\"delay=30ms loss=1% seed=1\",\"source\":\"control\"}"),
                Arguments.of(new Event.ProxyLeg(T, "pop", "198.18.1.10", 40_000, "198.18.2.10", 443, "client", "established", "syn answered by pop", true, false),
                        "{\"time\":1767225600123,\"node\":\"pop\",\"type\":\"proxy-leg\",\"clientAddr\":\"198.18.1.10\",\"clientPort\":40000,"
                                + "\"serverAddr\":\"198.18.2.10\",\"serverPort\":443,\"leg\":\"client\",\"state\":\"established\","
                                + "\"detail\":\"syn answered by pop\",\"tcpAcceleration\":1,\"tlsInspection\":0}"),
                Arguments.of(new Event.ResetSeen(T, "socket-b", 9, "server-to-client", "lan"),
                        "{\"time\":1767225600123,\"node\":\"socket-b\",\"type\":\"reset-seen\",\"flowId\":9,\"direction\":\"server-to-client\",\"where\":\"lan\"}"),
                Arguments.of(new Event.NodeReady(T, "server", "server", "listening on 198.18.2.10:443"),
                        "{\"time\":1767225600123,\"node\":\"server\",\"type\":\"node-ready\",\"role\":\"server\",\"detail\":\"listening on 198.18.2.10:443\"}"),
                Arguments.of(new Event.ServerTls(T, "server", "198.18.1.10:40000", "handshake", "sni app.site-b.lab TLSv1.3"),
                        "{\"time\":1767225600123,\"node\":\"server\",\"type\":\"server-tls\",\"peer\":\"198.18.1.10:40000\",\"what\":\"handshake\",\"detail\":\"sni app.site-b.lab TLSv1.3\"}"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyEventType")
    void eventIsOneJsonLineWithItsFieldsInOrder(Event event, String json) {
        assertThat(EventJson.toJson(event)).isEqualTo(json).doesNotContain("\n");
    }

    @Test
    void theTableCoversEveryEventType() {
        Set<Class<?>> covered = new HashSet<>();
        everyEventType().forEach(a -> covered.add(a.get()[0].getClass()));
        assertThat(covered).as("a new event type needs a JSON case here")
                .containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }

    @Test
    void typeNamesAreDistinct() {
        List<String> types = everyEventType().map(a -> ((Event) a.get()[0]).type()).distinct().toList();
        assertThat(types).hasSize(Event.class.getPermittedSubclasses().length);
    }

    @Test
    void textFieldsAreEscaped() {
        // Jackson's short escapes for newline and tab replace the hand-written writer's six-character ones: the same JSON text.
        Event e = new Event.PacketDropped(T, "socket-a", "bad \"sni\" /x", "C:\\path\nnext\tcol é \u0001 \ud800");
        assertThat(EventJson.toJson(e)).isEqualTo("{\"time\":1767225600123,\"node\":\"socket-a\",\"type\":\"packet-dropped\","
                + "\"reason\":\"bad \\\"sni\\\" /x\",\"detail\":\"C:\\\\path\\nnext\\tcol é \\u0001 \\ud800\"}");
        assertThat(EventJson.parse(EventJson.toJson(e))).isEqualTo(e);
    }

    @Test
    void eventsCanBeWrittenIntoALargerDocument() {
        String report = Json.write(g -> {
            g.writeStartObject().writeArrayPropertyStart("events");
            EventJson.write(new Event.FlowEvicted(1, "a", 1), g);
            EventJson.write(new Event.FlowEvicted(2, "a", 2), g);
            g.writeEndArray().writeEndObject();
        });
        assertThat(report).isEqualTo("{\"events\":[{\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1},"
                + "{\"time\":2,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":2}]}");
    }

    @Test
    void recordsRefuseMissingOrImpossibleFields() {
        assertThatThrownBy(() -> new Event.LinkUp(T, null, "l", "p")).isInstanceOf(NullPointerException.class).hasMessage("node");
        assertThatThrownBy(() -> new Event.FlowDecided(T, "a", 1, 1, "r", null, "x")).hasMessage("transport");
        assertThatThrownBy(() -> new Event.FlowCreated(T, "a", 1, "tcp", "1.1.1.1", 70_000, "2.2.2.2", 1))
                .hasMessage("srcPort: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> new Event.ProxyLeg(T, "pop", "1.1.1.1", 1, "2.2.2.2", 2, "middle", "opened", "", false, false))
                .hasMessage("leg: 'middle' (expected: one of client, server)");
        assertThatThrownBy(() -> new Event.ProxyLeg(T, "pop", "1.1.1.1", 1, "2.2.2.2", 2, "server", "half-open", "", false, false))
                .hasMessage("state: 'half-open' (expected: one of established, opened, closed)");
    }
}
