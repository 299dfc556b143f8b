package io.wanlab.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Events written by the log come back as equal records; bad lines are named, a half-written last line is not an error. */
class EventReadingTest {
    private static final long T = 1_767_225_600_123L;

    @TempDir
    Path dir;

    /** One of each type, with the awkward values: nulls, negative and extreme numbers, both flags, non-ASCII. */
    static List<Event> oneOfEach() {
        return List.of(
                new Event.FlowCreated(T, "socket-a", 7, "tcp", "198.18.1.10", 40_000, "198.18.2.10", 65_535),
                new Event.FlowDecided(T, "socket-a", 7, -1, "none", "off-cloud", "no rule"),
                new Event.FlowUndecided(T, "socket-a", 7, 1, "office-apps", "rule 1 needs the application"),
                new Event.AppIdentified(T, "socket-a", 7, "tls-sni", "app.example.test", "example-app", "business"),
                new Event.AppIdentified(T, "socket-a", 8, "http-host", "unknown.test", null, null),
                new Event.AppGaveUp(T, "socket-a", 7, "not tls"),
                new Event.FlowSwitched(T, "socket-a", 7, "cato", "off-cloud", 2, "site-a-to-b", "identified"),
                new Event.PacketDropped(0, "pop", "bad-frame", "quote \" tab \t é \ud83d\ude00 lone \udc00"),
                new Event.FlowExpired(T, "socket-b", -3, "idle"),
                new Event.FlowEvicted(Long.MAX_VALUE, "socket-b", Long.MIN_VALUE),
                new Event.FlowReplaced(T, "socket-a", Long.MAX_VALUE, Long.MIN_VALUE, "new-isn"),
                new Event.LinkUp(T, "socket-a", "off-cloud", "socket-b"),
                new Event.LinkDown(T, "socket-a", "cato-a", "keepalive timeout"),
                new Event.LinkImpaired(T, "socket-a", "off-cloud", "blackhole", "lab file"),
                new Event.ProxyLeg(T, "pop", "198.18.1.10", 40_000, "198.18.2.10", 443, "client", "established", "", true, false),
                new Event.ProxyLeg(T, "pop", "198.18.1.10", 0, "198.18.2.10", 443, "server", "opened", "from x", false, true),
                new Event.ResetSeen(T, "socket-b", 9, "server-to-client", "lan"),
                new Event.NodeReady(T, "server", "server", "listening"),
                new Event.ServerTls(T, "server", "198.18.1.10:40000", "handshake", "sni app.site-b.lab TLSv1.3"));
    }

    @Test
    void everyTypeWrittenByTheLogReadsBackEqual() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 1, Duration.ZERO)) {
            oneOfEach().forEach(log::emit);
        }
        assertThat(EventJson.readAll(file)).containsExactlyElementsOf(oneOfEach());
    }

    @Test
    void theRoundTripCoversEveryEventType() {
        Set<Class<?>> covered = new HashSet<>();
        oneOfEach().forEach(e -> covered.add(e.getClass()));
        assertThat(covered).as("a new event type needs a round-trip case here")
                .containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }

    @Test
    void noFileIsNoEvents() throws IOException {
        assertThat(EventJson.readAll(dir.resolve("absent.jsonl"))).isEmpty();
    }

    @Test
    void aHalfWrittenLastLineIsSkipped() throws IOException {
        String first = EventJson.toJson(new Event.LinkUp(T, "a", "l", "p"));
        String second = EventJson.toJson(new Event.PacketDropped(T, "a", "r", "déjà"));
        byte[] secondBytes = second.getBytes(StandardCharsets.UTF_8);
        // Cut inside the two-byte 'é' as well as mid-structure: both are what a node mid-write leaves.
        int cutInChar = second.indexOf('é') + 1;
        for (int cut : new int[] {1, 20, cutInChar, secondBytes.length - 1}) {
            Path file = dir.resolve("cut-" + cut + ".jsonl");
            byte[] head = (first + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + cut];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(secondBytes, 0, all, head.length, cut);
            Files.write(file, all);
            assertThat(EventJson.readAll(file)).as("cut after %d bytes", cut).containsExactly(EventJson.parse(first));
        }
    }

    @Test
    void aCompleteLastLineWithoutNewlineCounts() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Event e = new Event.FlowEvicted(T, "a", 1);
        Files.writeString(file, EventJson.toJson(e));
        assertThat(EventJson.readAll(file)).containsExactly(e);
    }

    @Test
    void aBadLineInTheMiddleNamesFileAndLine() throws IOException {
        Path file = dir.resolve("events.jsonl");
        String good = EventJson.toJson(new Event.FlowEvicted(T, "a", 1));
        Files.writeString(file, good + "\n" + good + "\n{\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\"}\n" + good + "\n");
        assertThatThrownBy(() -> EventJson.readAll(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":3: flow-evicted: flowId missing (expected: an integer)");
    }

    @Test
    void aTerminatedButTruncatedLastLineIsAnError() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"time\":1,\"node\":\"a\",\n");
        assertThatThrownBy(() -> EventJson.readAll(file))
                .as("a newline means the writer finished the line: it is broken, not in progress")
                .hasMessageStartingWith(file + ":1: not JSON: ");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json           | {time          | not JSON: ",
            "an array           | []             | event: an array (expected: a JSON object)",
            "empty line         | ``             | event: missing (expected: a JSON object)",
            "no type            | {\"time\":1}    | event: type missing (expected: a string such as \"flow-created\")",
            "unknown type       | {\"type\":\"flow-born\"} | event: unknown type 'flow-born' (expected: one of flow-created, flow-decided, ",
            "string for number  | {\"time\":\"1\",\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1} | flow-evicted: time a string (expected: an integer)",
            "fraction           | {\"time\":1.5,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1} | flow-evicted: time the number 1.5 (expected: an integer)",
            "too big for long   | {\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":99999999999999999999} | flow-evicted: flowId the number 99999999999999999999 (expected: an integer)",
            "null where needed  | {\"time\":1,\"node\":null,\"type\":\"flow-evicted\",\"flowId\":1} | flow-evicted: node null (expected: a string)",
            "flag not 1/0       | {\"time\":1,\"node\":\"p\",\"type\":\"proxy-leg\",\"clientAddr\":\"a\",\"clientPort\":1,\"serverAddr\":\"b\",\"serverPort\":2,\"leg\":\"client\",\"state\":\"opened\",\"detail\":\"\",\"tcpAcceleration\":true,\"tlsInspection\":0} | proxy-leg: tcpAcceleration true (expected: 1 or 0)",
            "record refuses it  | {\"time\":1,\"node\":\"p\",\"type\":\"proxy-leg\",\"clientAddr\":\"a\",\"clientPort\":70000,\"serverAddr\":\"b\",\"serverPort\":2,\"leg\":\"client\",\"state\":\"opened\",\"detail\":\"\",\"tcpAcceleration\":1,\"tlsInspection\":0} | proxy-leg: clientPort: 70000 (expected: 0..65535)",
            "duplicate member   | {\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1,\"flowId\":2} | not JSON: Duplicate Object property \"flowId\"",
            "two values         | {\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1} {} | not JSON: "})
    void badLinesSayWhatIsWrong(String name, String line, String message) {
        assertThatThrownBy(() -> EventJson.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void membersANewerNodeAddsAreIgnored() {
        Event e = EventJson.parse("{\"time\":1,\"node\":\"a\",\"type\":\"flow-evicted\",\"flowId\":1,\"cause\":\"full\"}");
        assertThat(e).isEqualTo(new Event.FlowEvicted(1, "a", 1));
    }
}
