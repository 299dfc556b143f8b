package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import io.wanlab.core.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ThroughputTableTest {
    static ThroughputReport sample() {
        PathResult lab = new PathResult(ThroughputRun.LAB_PATH, new IperfResult(812_345_678.9, 810_123_456.7, OptionalLong.of(37)),
                Optional.of(new LinkCounters(61_234, 12)));
        PathResult base = new PathResult(ThroughputRun.BASELINE_PATH, new IperfResult(25_120_000_000.0, 25_118_300_000.0, OptionalLong.of(0)),
                Optional.of(new LinkCounters(0, 0)));
        return new ThroughputReport(5, 1, lab, base);
    }

    @Test
    void oneRowPerPathAlignedThenTheRatio() {
        assertThat(ThroughputTable.lines(sample())).containsExactly(
                "path               sender Mbit/s  receiver Mbit/s  retransmits  emulator pkts  emulator drops",
                "-".repeat(93),
                "lab (emulators)            812.3            810.1           37          61234              12",
                "baseline (kernel)        25120.0          25118.3            0              0               0",
                "lab / baseline (receiver): 0.032 (3.2 %)");
    }

    @Test
    void unknownValuesShowAsNotAvailable() {
        PathResult lab = new PathResult("lab", new IperfResult(1e6, 1e6, OptionalLong.empty()), Optional.empty());
        PathResult base = new PathResult("baseline", new IperfResult(0, 0, OptionalLong.empty()), Optional.empty());

        assertThat(ThroughputTable.lines(new ThroughputReport(2, 1, lab, base))).containsExactly(
                "path      sender Mbit/s  receiver Mbit/s  retransmits  emulator pkts  emulator drops",
                "-".repeat(84),
                "lab                 1.0              1.0          n/a            n/a             n/a",
                "baseline            0.0              0.0          n/a            n/a             n/a",
                "lab / baseline (receiver): n/a (the baseline moved nothing)");
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
                  "lab": {
                    "path": "lab (emulators)",
                    "sender_bits_per_second": 812345679,
                    "receiver_bits_per_second": 810123457,
                    "retransmits": 37,
                    "emulator_packets": 61234,
                    "emulator_dropped": 12
                  },
                  "baseline": {
                    "path": "baseline (kernel)",
                    "sender_bits_per_second": 25120000000,
                    "receiver_bits_per_second": 25118300000,
                    "retransmits": 0,
                    "emulator_packets": 0,
                    "emulator_dropped": 0
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
