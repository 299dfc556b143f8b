package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wanlab.core.json.Json;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

class IperfOutputParserTest {
    @Test
    void readsTheSummedSenderAndReceiverRatesAndRetransmitsFromTheEndSection() {
        IperfResult r = IperfOutputParser.parse(IperfSamples.TWO_STREAMS);

        assertThat(r.senderBitsPerSecond()).as("end.sum_sent, not an interval's or a stream's").isEqualTo(813609300.5);
        assertThat(r.receiverBitsPerSecond()).as("end.sum_received, written with an exponent").isEqualTo(809360000.0);
        assertThat(r.retransmits()).as("end.sum_sent.retransmits, not the last interval's 2").isEqualTo(OptionalLong.of(6));
        assertThat(r.senderMbps()).isCloseTo(813.6093, within(1e-4));
        assertThat(r.receiverMbps()).isCloseTo(809.36, within(1e-9));
    }

    @Test
    void readsTheBytesReceivedAndIperfsOwnCpuTimeOfClientAndServer() {
        IperfResult r = IperfOutputParser.parse(IperfSamples.TWO_STREAMS);

        assertThat(r.receivedBytes()).isEqualTo(202375168);
        assertThat(r.iperfCpuSeconds().getAsDouble()).as("(23.5 + 18.1) %% of 2.000401 s")
                .isCloseTo((23.5 + 18.1) / 100 * 2.000401, within(1e-9));
        assertThat(r.udp()).isEmpty();
    }

    @Test
    void readsAUdpRunsLossAndJitterFromTheReceiverAndReportsNoRetransmits() {
        IperfResult r = IperfOutputParser.parse(IperfSamples.UDP_LOOPBACK);

        assertThat(r.retransmits()).isEmpty();
        assertThat(r.receivedBytes()).isEqualTo(1277952);
        assertThat(r.udp()).hasValueSatisfying(u -> {
            assertThat(u.packets()).isEqualTo(39);
            assertThat(u.lost()).isZero();
            assertThat(u.jitterMillis()).isCloseTo(0.311749517056122, within(1e-12));
        });
        assertThat(r.iperfCpuSeconds()).isPresent();
    }

    @Test
    void aNegativeLossCountIsAnError() {
        String broken = IperfSamples.UDP_LOOPBACK.replaceFirst("(\"sum_received\":\\s*\\{[^}]*\"lost_packets\":\\s*)0", "$1-1");

        assertThatThrownBy(() -> IperfOutputParser.parse(broken)).isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 JSON: end.sum_received.lost_packets is -1 (expected: a whole number, 0 or more)");
    }

    @Test
    void anErrorMemberFailsWithIperfsOwnMessage() {
        assertThatThrownBy(() -> IperfOutputParser.parse(IperfSamples.CONNECT_REFUSED))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 reported an error: unable to connect to server: Connection refused");
    }

    @Test
    void anErrorWinsOverNumbersThatArePresent() {
        String partial = IperfSamples.withEnd("{\"sum_sent\": {\"bits_per_second\": 1e6}, \"sum_received\": {\"bits_per_second\": 1e6}},"
                + " \"error\": \"the server has terminated\"");

        assertThatThrownBy(() -> IperfOutputParser.parse(partial))
                .isInstanceOf(ThroughputException.class)
                .hasMessage("iperf3 reported an error: the server has terminated");
    }

    @Test
    void missingRetransmitsAreUnknownNotZero() {
        IperfResult r = IperfOutputParser.parse(IperfSamples.withEnd(
                "{\"sum_sent\": {\"bits_per_second\": 2000000}, \"sum_received\": {\"bits_per_second\": 1000000}}"));

        assertThat(r.retransmits()).isEmpty();
        assertThat(r.senderMbps()).isEqualTo(2.0);
        assertThat(r.receiverMbps()).isEqualTo(1.0);
    }

    @Test
    void iperfsRepeatedMembersAreAcceptedAndTheLastWins() {
        assertThat(IperfSamples.TWO_STREAMS).as("the sample repeats sock_bufsize, as 3.12 does")
                .containsPattern("(?s)\"sock_bufsize\".*\"sock_bufsize\"");
        assertThatThrownBy(() -> Json.strict().readTree(IperfSamples.TWO_STREAMS))
                .as("our own strict reading would refuse it").hasMessageContaining("Duplicate Object property \"sock_bufsize\"");
        assertThat(IperfOutputParser.readTree(IperfSamples.TWO_STREAMS).get("start").get("sock_bufsize").intValue()).isZero();

        JsonNode repeated = IperfOutputParser.readTree("{\"sock_bufsize\": 0, \"sock_bufsize\": 1}");
        assertThat(repeated.get("sock_bufsize").intValue()).as("last wins").isEqualTo(1);
        assertThat(IperfOutputParser.parse(IperfSamples.withEnd("{\"sum_sent\": {\"bits_per_second\": 1, \"bits_per_second\": 8e6},"
                + " \"sum_received\": {\"bits_per_second\": 4e6}}")).senderMbps()).isEqualTo(8.0);
    }

    @Test
    void tooMuchOutputIsRefused() {
        String huge = "{\"pad\": \"" + "x".repeat(IperfOutputParser.MAX_LENGTH) + "\"}";
        assertThatThrownBy(() -> IperfOutputParser.parse(huge))
                .isInstanceOf(ThroughputException.class)
                .hasMessageContaining("exceeds the maximum allowed (" + IperfOutputParser.MAX_LENGTH);
    }

    @Test
    void leadingAndTrailingWhitespaceIsFine() {
        assertThat(IperfOutputParser.parse("\n\n" + IperfSamples.TWO_STREAMS + "\n\n").retransmits()).hasValue(6);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "iperf3 printed no JSON report"),
                Arguments.of("blank", " \n\t ", "iperf3 printed no JSON report"),
                Arguments.of("plain text (no -J)", "Connecting to host 198.18.2.10, port 5201\n[  5] local ...",
                        "iperf3 output is not a JSON report (line 1, column 1: Unrecognized token 'Connecting'"),
                Arguments.of("truncated (capture cut)", IperfSamples.TWO_STREAMS.substring(0, 3000),
                        "iperf3 output is not a JSON report (line 1"),
                Arguments.of("two documents", IperfSamples.CONNECT_REFUSED + IperfSamples.CONNECT_REFUSED,
                        "Trailing token"),
                Arguments.of("top level array", "[1, 2]", "iperf3 JSON: the report is an array (expected: an object)"),
                Arguments.of("no end", "{\"start\": {}, \"intervals\": []}", "iperf3 JSON: end is missing (expected: an object"),
                Arguments.of("end is null", "{\"end\": null}", "iperf3 JSON: end is null (expected: an object"),
                Arguments.of("empty end (UDP or aborted)", IperfSamples.withEnd("{}"), "iperf3 JSON: end.sum_sent is missing"),
                Arguments.of("no sum_received", IperfSamples.withEnd("{\"sum_sent\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_received is missing"),
                Arguments.of("sum_sent an array", IperfSamples.withEnd("{\"sum_sent\": [], \"sum_received\": {}}"),
                        "iperf3 JSON: end.sum_sent is an array"),
                Arguments.of("rate missing", IperfSamples.withEnd("{\"sum_sent\": {}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.bits_per_second is missing (expected: a number)"),
                Arguments.of("rate a string", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": 1}, \"sum_received\": {\"bits_per_second\": \"fast\"}}"),
                        "iperf3 JSON: end.sum_received.bits_per_second is a string (expected: a number)"),
                Arguments.of("rate null (cJSON's NaN)", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": null}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.bits_per_second is null (expected: a number)"),
                Arguments.of("rate negative", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": -5}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.bits_per_second is -5.0 (expected: a finite number, 0 or more)"),
                Arguments.of("rate overflows to infinity", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": 1e999}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.bits_per_second is Infinity (expected: a finite number, 0 or more)"),
                Arguments.of("NaN literal", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": NaN}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 output is not a JSON report"),
                Arguments.of("retransmits fractional", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": 1, \"retransmits\": 1.5}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.retransmits is 1.5 (expected: a whole number, 0 or more)"),
                Arguments.of("retransmits negative", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": 1, \"retransmits\": -1}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.retransmits is -1 (expected: a whole number, 0 or more)"),
                Arguments.of("retransmits a string", IperfSamples.withEnd(
                        "{\"sum_sent\": {\"bits_per_second\": 1, \"retransmits\": \"3\"}, \"sum_received\": {\"bits_per_second\": 1}}"),
                        "iperf3 JSON: end.sum_sent.retransmits is 3 (expected: a whole number"),
                Arguments.of("hostile nesting", "[".repeat(10_000), "Document nesting depth (33) exceeds the maximum allowed (32"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void malformedReportsFailClearly(String name, String json, String message) {
        assertThatThrownBy(() -> IperfOutputParser.parse(json))
                .isInstanceOf(ThroughputException.class)
                .hasMessageContaining(message);
    }
}
