package io.wanlab.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.NodeSample;
import io.wanlab.bench.lab.NodeTuning;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A SYN flood bigger than the Sockets' flow tables, through a live lab (rulebase fixed, capture
 * off, 4,096 flows per Socket): the bound holds, the flood shows as counted evictions, every
 * device's books balance, no node's RSS passes {@link #MAX_RSS_MB}, and a real TLS connection made
 * half-way through succeeds. Root only; about 40 s.
 */
@Tag("live")
class FloodLiveTest {
    static final String LAB = "tflood";
    static final int CAPACITY = 4096;
    static final long SYNS = 150_000;
    static final int RATE = 40_000;
    /** The nodes run with -Xmx512m; a flood must not take them much past their idle ~100-150 MB. */
    static final long MAX_RSS_MB = 400;
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty() && !Files.exists(LabNames.runFolder(LAB)),
                "lab '" + LAB + "' is already up: run './wanlab down --name " + LAB + "' first");
        Path run = Files.createTempDirectory("wanlab-flood-");
        lab = new LabLauncher(LAB, System.out).up(new LabLauncher.Options(new LabSpec("fixed", null, null), run.resolve("run"), false,
                Duration.ofSeconds(40)).withTuning(NodeTuning.NONE.withFlowCapacity(CAPACITY)));
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            new LabCleaner(new NamespaceBackend(LAB)).clean();
            assertThat(new NamespaceBackend(LAB).list()).isEmpty();
        }
    }

    @Test
    void theFlowTableBoundHoldsEvictionsAreCountedTheBooksBalanceAndARealConnectionWorks() throws Exception {
        FloodTargets targets = FloodTargets.of(lab.topology(), null);
        FloodRun.Plan plan = FloodCommand.plan(LAB, lab.topology(), lab.lab(), lab.runDir(), targets, SYNS, RATE, 7);

        FloodReport report = new FloodRun(plan, System.out).run();

        long maxRss = MAX_RSS_MB * 1024 * 1024;
        report.summary(maxRss).forEach(System.out::println);
        assertThat(report.sent()).isEqualTo(SYNS);
        NodeSample socketA = report.after().get("socket-a");
        assertThat(socketA.flowCapacity()).as("the bound socket-a was started with").isEqualTo(CAPACITY);
        assertThat(report.maxFlows().get("socket-a")).as("most flows socket-a held").isBetween(1L, (long) CAPACITY);
        assertThat(socketA.flowInserts()).as("the flood made more flows than the bound").isGreaterThan(CAPACITY);
        assertThat(socketA.evictions()).as("flows evicted to stay in the bound, counted").isGreaterThan(0);
        assertThat(report.connection().outcome()).as("the real connection during the flood: %s", report.connection().detail())
                .isEqualTo(Outcome.OK);
        assertThat(report.books()).as("every device's books").noneMatch(l -> l.startsWith("MISSING"));
        assertThat(report.books()).as("a line per device").hasSizeGreaterThanOrEqualTo(3);
        assertThat(report.peakRss()).allSatisfy((node, rss) -> assertThat(rss).as("%s's peak RSS", node).isBetween(1L, maxRss));
        assertThat(report.problems(maxRss)).isEmpty();
    }
}
