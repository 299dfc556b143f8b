package io.wanlab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.throughput.LabTeardown;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A one-minute soak of a live lab with paranoid leak detection in every node: reloads through all
 * five phases, bulk transfers and a link flap, new TLS connections at 2/s throughout. No leak
 * report, no unexplained failure, every path carried connections, the books balance, and no
 * node's RSS grows more than {@link #MAX_RSS_GROWTH_MB} after the warm-up. Root and iperf3; about 75 s.
 */
@Tag("live")
class SoakLiveTest {
    static final String LAB = "tsoak";
    /** Loose, for one minute: the JVMs are still growing into their heaps; a leak of buffers per connection would pass it fast. */
    static final long MAX_RSS_GROWTH_MB = 100;

    @Test
    void aMinuteOfConnectionsReloadsBulkAndFlapsLeaksNothingAndEveryFailureIsExplained() throws Exception {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(Preflight.onPath("iperf3"), "the soak's bulk transfers need iperf3");
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty() && !Files.exists(LabNames.runFolder(LAB)),
                "lab '" + LAB + "' is already up: run './wanlab down --name " + LAB + "' first");
        Path run = Files.createTempDirectory("wanlab-soak-").resolve("run");
        NamespaceBackend backend = new NamespaceBackend(LAB);
        LabTeardown teardown = new LabTeardown(new LabCleaner(backend), backend, System.out);
        SoakReport report;
        try {
            report = SoakCommand.soak(LAB, run, teardown, Duration.ofMinutes(1), 2, 12, 20, 24, System.out);
        } finally {
            assertThat(teardown.run()).as("the soak's lab is removed").isTrue();
        }
        long growth = MAX_RSS_GROWTH_MB * 1024 * 1024;
        report.summary(growth).forEach(System.out::println);

        assertThat(report.leaks().leaks()).as("LEAK: lines in the node logs: %s", report.leaks().first()).isZero();
        assertThat(report.leaks().unreadable()).isEmpty();
        assertThat(report.total().unexplained).as("unexplained failures: %s", report.total().unexplainedDetails).isZero();
        assertThat(report.total().connections).as("2 connections/s for a minute").isGreaterThan(90);
        assertThat(report.total().made).isGreaterThan(40);
        assertThat(report.total().byPath.keySet()).as("every path of the seed lab carried connections").contains(
                "direct-on-syn", "direct-on-syn/alt-wan", "cloud-proxied", "cloud-passthrough", "switch-after-passthrough",
                "switch-after-proxy", "cloud-inspected-untrusted");
        // Two flaps, one of each kind: the underlay veth down, then the nodes' own blackhole (link set over the control sockets).
        assertThat(report.total().steps).containsEntry("reload", 4L).containsKey("bulk").containsEntry("flap", 2L);
        try (var files = Files.walk(run)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("events.jsonl")).flatMap(SoakLiveTest::lines)
                    .filter(l -> l.contains("\"link-impaired\"") && l.contains("blackhole")))
                    .as("the second flap blackholed a link through the nodes' impairment").isNotEmpty();
        }
        assertThat(report.total().failedSteps).isEmpty();
        assertThat(report.last().values()).as("every node's leak detection").allSatisfy(s ->
                assertThat(s.leakDetection()).as(s.node()).isEqualTo("PARANOID"));
        assertThat(report.books()).as("every device's books").hasSize(3).noneMatch(l -> l.startsWith("MISSING"));
        for (String node : report.last().keySet()) {
            long[] t = report.trend(node);
            System.out.printf("memory %s: rss %d > %d MB%n", node, t[0] >> 20, t[1] >> 20);
            assertThat(t[0]).as("%s's RSS after the warm-up", node).isPositive();
        }
        assertThat(report.problems(growth)).isEmpty();
    }

    private static java.util.stream.Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
