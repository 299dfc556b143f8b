package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import io.wanlab.core.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wanlab bench throughput --seconds 2} end to end on a real lab: both paths move data, the
 * lab path through socket-a's off-cloud link and the baseline around it, each with its CPU per GB, and the lab is
 * gone afterwards; then the same server to client over UDP. Root and iperf3 only; always runs in CI.
 */
@Tag("live")
class ThroughputCommandLiveTest {
    /** Its own lab name, so a user's lab or another test's is never in the way. */
    static final String LAB = "tiperf";

    @TempDir
    Path dir;

    @Test
    void measuresBothPathsAndLeavesNoLabBehind() throws Exception {
        List<String> host = Preflight.check();
        assumeTrue(host.isEmpty(), "live throughput needs: " + String.join("; ", host));
        assumeTrue(io.wanlab.bench.lab.Preflight.onPath("iperf3"), "live throughput needs iperf3 (apt-get install iperf3)");
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up on this machine:"
                + " run './wanlab down --name " + LAB + "' first");
        Path json = dir.resolve("throughput.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new CommandLine(new ThroughputCommand(o, e)).execute("--seconds", "2", "--warmup", "1", "--json", json.toString(),
                    "--out", dir.resolve("run").toString(), "--name", LAB);
        }
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(exit).as(printed).isZero();
        JsonNode report = Json.strict().readTree(Files.readString(json));
        JsonNode lab = report.get("lab");
        JsonNode baseline = report.get("baseline");
        assertThat(lab.get("receiver_bits_per_second").doubleValue()).as("lab path moved data").isPositive();
        assertThat(lab.get("sender_bits_per_second").doubleValue()).isPositive();
        assertThat(baseline.get("receiver_bits_per_second").doubleValue()).as("baseline moved data").isPositive();
        assertThat(baseline.get("sender_bits_per_second").doubleValue()).isPositive();
        assertThat(lab.get("emulator_packets").longValue()).as("the lab run went through socket-a's off-cloud link").isPositive();
        assertThat(report.get("links").stringValue()).isEqualTo("tcp");
        assertThat(report.get("tun_offloads").stringValue()).as("offloads by default").startsWith("csum");
        assertThat(baseline.get("emulator_packets").longValue()).as("the baseline bypassed the emulator").isZero();
        assertThat(lab.get("cpu_seconds_per_gb").doubleValue()).as("the Sockets' and iperf3's CPU per GB").isPositive();
        assertThat(baseline.get("cpu_seconds_per_gb").doubleValue()).isPositive();
        assertThat(printed).contains("lab up", "measuring lab path 2 s", "measuring kernel baseline 2 s",
                "restoring the TUN routes", "lab down", "lab / baseline (receiver): ", "CPU s/GB: lab ");
        assertNoLabLeft();
    }

    @Test
    void reverseUdpMeasuresServerToClientWithLossAndJitter() throws Exception {
        List<String> host = Preflight.check();
        assumeTrue(host.isEmpty(), "live throughput needs: " + String.join("; ", host));
        assumeTrue(io.wanlab.bench.lab.Preflight.onPath("iperf3"), "live throughput needs iperf3 (apt-get install iperf3)");
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up on this machine");
        Path json = dir.resolve("reverse.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            exit = new CommandLine(new ThroughputCommand(o, o)).execute("--seconds", "2", "--warmup", "1", "--reverse", "--udp", "20M",
                    "--link-transport", "udp", "--json", json.toString(), "--out", dir.resolve("run").toString(), "--name", LAB);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(exit).as(printed).isZero();
        JsonNode report = Json.strict().readTree(Files.readString(json));
        assertThat(report.get("reverse").booleanValue()).isTrue();
        assertThat(report.get("protocol").stringValue()).isEqualTo("udp");
        assertThat(report.get("links").stringValue()).as("the lab's links over UDP datagrams").isEqualTo("udp");
        assertThat(report.get("tun_offloads").stringValue()).as("UDP-linked nodes open plain TUNs").isEqualTo("off");
        for (String path : List.of("lab", "baseline")) {
            JsonNode p = report.get(path);
            assertThat(p.get("receiver_bits_per_second").doubleValue()).as(path + " moved data server to client").isPositive();
            assertThat(p.get("udp_packets").longValue()).as(path).isPositive();
            assertThat(p.has("udp_jitter_ms")).isTrue();
        }
        assertThat(report.get("lab").get("emulator_packets").longValue()).as("iperf3's control connection went out over"
                + " socket-a's off-cloud link").isPositive();
        assertThat(report.get("baseline").get("emulator_packets").longValue()).isZero();
        assertThat(printed).contains("links over udp, TUN offloads off", "measuring lab path 2 s, UDP 20M server > client", "lost %",
                "jitter ms", "lab down");
        assertNoLabLeft();
    }

    private static void assertNoLabLeft() {
        CommandResult netns = new ProcessCommandExecutor().run(List.of("ip", "netns", "list"));
        assertThat(netns.lines()).as("no namespace of lab " + LAB + " is left").noneMatch(l -> l.startsWith(LAB + "-"));
        assertThat(io.wanlab.core.topo.LabNames.runFolder(LAB)).as("nor its folder of state and status sockets").doesNotExist();
    }
}
