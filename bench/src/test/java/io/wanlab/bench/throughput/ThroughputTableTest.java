package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import io.wanlab.core.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ThroughputTableTest {
    static ThroughputReport sample() {
        PathResult lab = new PathResult(ThroughputRun.LAB_PATH, new IperfResult(812_345_678.9, 810_123_456.7, OptionalLong.of(37),
                500_000_000L, java.util.OptionalDouble.of(1.0), Optional.empty()),
                Optional.of(new LinkCounters(61_234, 12)), java.util.OptionalDouble.of(4.0));
        PathResult base = new PathResult(ThroughputRun.BASELINE_PATH, new IperfResult(25_120_000_000.0, 25_118_300_000.0, OptionalLong.of(0),
                15_700_000_000L, java.util.OptionalDouble.of(6.0), Optional.empty()),
                Optional.of(new LinkCounters(0, 0)), java.util.OptionalDouble.of(0.28));
        return new ThroughputReport(5, 1, lab, base);
    }

    @Test
    void oneRowPerPathAlignedThenTheRatio() {
        assertThat(ThroughputTable.lines(sample())).containsExactly(
                "TCP client > server, 5 s, 1 stream(s)",
                "path               sender Mbit/s  receiver Mbit/s  retransmits  emulator pkts  emulator drops  CPU s/GB",
                "-".repeat(103),
                "lab (emulators)            812.3            810.1           37          61234              12     10.00",
                "baseline (kernel)        25120.0          25118.3            0              0               0      0.40",
                "lab / baseline (receiver): 0.032 (3.2 %); CPU s/GB: lab 10.00, baseline 0.40");
    }

    @Test
    void unknownValuesShowAsNotAvailable() {
        PathResult lab = new PathResult("lab", new IperfResult(1e6, 1e6, OptionalLong.empty()), Optional.empty());
        PathResult base = new PathResult("baseline", new IperfResult(0, 0, OptionalLong.empty()), Optional.empty());

        assertThat(ThroughputTable.lines(new ThroughputReport(2, 1, lab, base))).containsExactly(
                "TCP client > server, 2 s, 1 stream(s)",
                "path      sender Mbit/s  receiver Mbit/s  retransmits  emulator pkts  emulator drops  CPU s/GB",
                "-".repeat(94),
                "lab                 1.0              1.0          n/a            n/a             n/a       n/a",
                "baseline            0.0              0.0          n/a            n/a             n/a       n/a",
                "lab / baseline (receiver): n/a (the baseline moved nothing); CPU s/GB: lab n/a, baseline n/a");
    }

    @Test
    void aUdpRunAddsTheReceiversLossAndJitter() {
        IperfResult udp = new IperfResult(200e6, 100e6, OptionalLong.empty(), 37_500_000L, java.util.OptionalDouble.empty(),
                Optional.of(new IperfResult.UdpLoss(50_000, 25_000, 0.0125)));
        PathResult lab = new PathResult("lab", udp, Optional.empty());
        PathResult base = new PathResult("baseline", udp, Optional.empty());
        ThroughputReport report = new ThroughputReport(3, 1, new IperfCommands.Mode(true, "200M"), lab, base);

        assertThat(ThroughputTable.lines(report)).startsWith("UDP 200M server > client, 3 s, 1 stream(s)",
                "path      sender Mbit/s  receiver Mbit/s  retransmits  emulator pkts  emulator drops  CPU s/GB  lost %  jitter ms")
                .contains("lab               200.0            100.0          n/a            n/a             n/a       n/a   50.00      0.013");
        tools.jackson.databind.JsonNode json = Json.strict().readTree(report.toJson());
        assertThat(json.get("protocol").stringValue()).isEqualTo("udp");
        assertThat(json.get("reverse").booleanValue()).isTrue();
        assertThat(json.get("udp_rate").stringValue()).isEqualTo("200M");
        assertThat(json.get("lab").get("udp_lost").longValue()).isEqualTo(25_000);
        assertThat(json.get("lab").get("udp_lost_percent").doubleValue()).isEqualTo(50.0);
        assertThat(json.get("lab").get("udp_jitter_ms").doubleValue()).isEqualTo(0.0125);
    }

    @Test
    void theRatioIsOnTheReceiverRate() {
        assertThat(sample().ratio()).isEqualTo(810_123_456.7 / 25_118_300_000.0);
    }

    @Test
    void jsonHasBothPathsAndTheRatio() {
        assertThat(sample().toJson()).isEqualTo("""
                {
                  "tool": "iperf3",
                  "seconds": 5,
                  "parallel": 1,
                  "protocol": "tcp",
                  "reverse": false,
                  "lab": {
                    "path": "lab (emulators)",
                    "sender_bits_per_second": 812345679,
                    "receiver_bits_per_second": 810123457,
                    "retransmits": 37,
                    "emulator_packets": 61234,
                    "emulator_dropped": 12,
                    "received_bytes": 500000000,
                    "node_cpu_seconds": 4.000000,
                    "iperf3_cpu_seconds": 1.000000,
                    "cpu_seconds_per_gb": 10.000000
                  },
                  "baseline": {
                    "path": "baseline (kernel)",
                    "sender_bits_per_second": 25120000000,
                    "receiver_bits_per_second": 25118300000,
                    "retransmits": 0,
                    "emulator_packets": 0,
                    "emulator_dropped": 0,
                    "received_bytes": 15700000000,
                    "node_cpu_seconds": 0.280000,
                    "iperf3_cpu_seconds": 6.000000,
                    "cpu_seconds_per_gb": 0.400000
                  },
                  "ratio": 0.032252
                }
                """);
    }

    @Test
    void jsonOfAReportIsReadableJsonWithNullsForUnknowns() {
        PathResult lab = new PathResult("lab \"quoted\"", new IperfResult(1e6, 1e6, OptionalLong.empty()), Optional.empty());
        PathResult base = new PathResult("baseline", new IperfResult(0, 0, OptionalLong.empty()), Optional.empty());
        String json = new ThroughputReport(2, 1, lab, base).toJson();

        JsonNode parsed = Json.strict().readTree(json);

        assertThat(parsed.get("ratio").isNull()).as("ratio is null, not missing").isTrue();
        JsonNode labNode = parsed.get("lab");
        assertThat(labNode.get("path").stringValue()).isEqualTo("lab \"quoted\"");
        assertThat(labNode.get("retransmits").isNull()).isTrue();
        assertThat(labNode.get("emulator_packets").isNull()).isTrue();
    }

    @Test
    void warningsFlagALabRunThatMissedTheEmulatorAndABaselineThatUsedIt() {
        PathResult lab = new PathResult("lab", new IperfResult(1e6, 1e6, OptionalLong.of(0)), Optional.of(new LinkCounters(0, 0)));
        PathResult base = new PathResult("baseline", new IperfResult(1e6, 1e6, OptionalLong.of(0)), Optional.of(new LinkCounters(9, 0)));

        assertThat(ThroughputCommand.warnings(sample())).isEmpty();
        assertThat(ThroughputCommand.warnings(new ThroughputReport(2, 1, lab, base))).containsExactly(
                "socket-a sent no packet over its off-cloud link during the lab run: the lab figure is not the emulator's direct path",
                "socket-a's emulator carried 9 packets during the baseline: the kernel routes did not take all of it");
    }
}
