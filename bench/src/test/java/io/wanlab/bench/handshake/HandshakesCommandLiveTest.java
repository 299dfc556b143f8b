package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code wanlab bench handshakes --seconds 1} end to end on a real lab: every path completes full handshakes with no
 * failure and no resumption, each where its counters say (socket-a's off-cloud link for the direct path, none for the
 * kernel's, the PoP's proxy and minting cache for the inspected one), and the lab is gone afterwards. Root only.
 */
@Tag("live")
class HandshakesCommandLiveTest {
    static final String LAB = "thshake";

    @TempDir
    Path dir;

    /** What a run printed and its JSON report. */
    private record Run(String printed, JsonNode report) {
    }

    /** Runs the command on lab {@value #LAB} with {@code options}, a JSON file and a run folder; it must exit 0. */
    private Run run(String... options) throws Exception {
        List<String> host = Preflight.check();
        assumeTrue(host.isEmpty(), "live handshakes need: " + String.join("; ", host));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up on this machine");
        Path json = dir.resolve("handshakes.json");
        List<String> args = new java.util.ArrayList<>(List.of(options));
        args.addAll(List.of("--json", json.toString(), "--out", dir.resolve("run").toString(), "--name", LAB));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            exit = new CommandLine(new HandshakesCommand(o, o)).execute(args.toArray(String[]::new));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(exit).as(printed).isZero();
        return new Run(printed, Json.strict().readTree(Files.readString(json)));
    }

    @Test
    void measuresEveryPathWhereItsNameSaysAndLeavesNoLabBehind() throws Exception {
        Run run = run("--seconds", "1", "--concurrency", "2");
        String printed = run.printed();

        assertThat(printed).doesNotContain("warning:").contains("lab direct / kernel: ", "inspected path: ", "lab down");
        JsonNode report = run.report();
        JsonNode paths = report.get("paths");
        assertThat(paths).hasSize(4);
        for (JsonNode p : paths) {
            assertThat(p.get("completed").longValue()).as(p.get("path").stringValue()).isPositive();
            assertThat(p.get("failed").longValue()).as(p.get("path").stringValue()).isZero();
            assertThat(p.get("resumed").longValue()).as(p.get("path").stringValue()).isZero();
        }
        assertThat(paths.get(0).get("counters").get("off-cloud-packets").longValue()).isPositive();
        // CPU per exchange, read around each counted window: every process on the lab's path works, and on the kernel
        // baseline the Sockets carry nothing (their idle tasks only).
        JsonNode labCpu = paths.get(0).get("cpu_ms_per_exchange");
        JsonNode kernelCpu = paths.get(1).get("cpu_ms_per_exchange");
        for (String process : List.of("client", "socket-a", "socket-b", "server")) {
            assertThat(labCpu.get(process).doubleValue()).as("lab direct, " + process).isPositive();
        }
        assertThat(kernelCpu.get("socket-a").doubleValue()).as("socket-a on the kernel baseline")
                .isLessThan(labCpu.get("socket-a").doubleValue() / 2);
        assertThat(report.get("direct_over_kernel_cpu_bound").doubleValue()).isBetween(0.05, 1.5);
        assertThat(paths.get(1).get("counters").get("off-cloud-packets").longValue()).isZero();
        JsonNode inspected = paths.get(2).get("counters");
        assertThat(inspected.get("proxied-flows").longValue()).isGreaterThanOrEqualTo(paths.get(2).get("completed").longValue());
        assertThat(inspected.get("mint-cache-hits").longValue() + inspected.get("mints").longValue())
                .as("a certificate per inspected handshake, minted or from the cache").isGreaterThanOrEqualTo(paths.get(2).get("completed").longValue());
        assertThat(paths.get(3).get("counters").get("passed-through").longValue()).isPositive();
        // Right after the inspected path, some client ports come round again: their new connections pass through too.
        assertThat(paths.get(3).get("counters").get("to-kernel").longValue()).as("pass-through packets sent to the PoP's kernel").isZero();
        assertThat(report.get("lab_tls").stringValue()).isIn("openssl", "jdk");
        assertThat(report.get("links").stringValue()).isEqualTo("tcp");
        assertThat(report.get("tun_offloads").stringValue()).startsWith("csum");
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " is left").isEmpty();
        assertThat(io.wanlab.core.topo.LabNames.runFolder(LAB)).doesNotExist();
        // The nodes' events, kept gzipped: one file per node and per reload, none left plain.
        List<String> files;
        try (var walk = Files.walk(dir.resolve("run"))) {
            files = walk.map(p -> dir.resolve("run").relativize(p).toString()).toList();
        }
        assertThat(files).contains("socket-a/events.jsonl.gz", "server/events.jsonl.gz", "handshakes-bug-on/pop/events.jsonl.gz")
                .noneMatch(f -> f.endsWith("events.jsonl") || f.endsWith(".partial"));
        assertThat(printed).contains("events.jsonl files", "gzipped to");
    }

    /**
     * The default, {@code --concurrency auto}: every path is probed at each load of {@link InFlight#STEPS} (up to the
     * first probe with a failed exchange) and counted at the probe with the highest rate; the report compares the lab
     * and the kernel at each load both probed.
     */
    @Test
    void autoCountsEachPathAtTheLoadOfItsHighestProbe() throws Exception {
        Run run = run("--seconds", "1", "--no-pass-through");

        assertThat(run.printed()).contains("each path at the load that gave its highest rate", "probes, handshakes/s",
                "lab direct / kernel at equal load (the probes): 4 in flight ", "lab down");
        JsonNode report = run.report();
        assertThat(report.get("load").stringValue()).isEqualTo("auto");
        JsonNode paths = report.get("paths");
        assertThat(paths).hasSize(3);
        for (JsonNode p : paths) {
            String name = p.get("path").stringValue();
            assertThat(p.get("completed").longValue()).as(name).isPositive();
            List<JsonNode> probes = new java.util.ArrayList<>();
            p.get("probes").forEach(probes::add);
            assertThat(probes).as(name).isNotEmpty();
            assertThat(probes.getFirst().get("concurrency").intValue()).as(name).isEqualTo(InFlight.STEPS.getFirst());
            for (int i = 0; i < probes.size(); i++) {
                assertThat(probes.get(i).get("concurrency").intValue()).as(name).isEqualTo(InFlight.STEPS.get(i));
                assertThat(probes.get(i).get("completed").longValue()).as(name + ", probe " + i).isPositive();
                if (i < probes.size() - 1) {
                    assertThat(probes.get(i).get("failed").longValue()).as(name + ": only the last probe may have failed").isZero();
                }
            }
            JsonNode best = probes.stream().filter(q -> q.get("failed").longValue() == 0)
                    .max(java.util.Comparator.comparingDouble(q -> q.get("handshakes_per_second").doubleValue())).orElseThrow();
            assertThat(p.get("concurrency").intValue()).as(name + " counted at its highest probe").isEqualTo(best.get("concurrency").intValue());
        }
        assertThat(report.get("direct_over_kernel_at_equal_load").get(0).get("concurrency").intValue()).isEqualTo(4);
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " is left").isEmpty();
    }
}
