package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CleanupReport;
import io.wanlab.bench.lab.LabBackend;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.ProcessTable;
import io.wanlab.core.topo.LabTopology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTeardownTest {
    @TempDir
    Path dir;

    private final RecordingBackend backend = new RecordingBackend();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private LabTeardown teardown() {
        LabCleaner cleaner = new LabCleaner(backend, new NoProcesses(), dir.resolve("wanlab"), Duration.ofMillis(10));
        return new LabTeardown(cleaner, backend, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void removesTheLabOnceWhoeverAsksFirst() {
        backend.namespaces.addAll(List.of("wanlab-client", "wanlab-server"));
        LabTeardown t = teardown();

        assertThat(t.run()).isTrue();
        assertThat(t.run()).as("the shutdown hook after the normal end").isTrue();

        assertThat(backend.destroyed).isEqualTo(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).isEqualTo("lab down (2 namespaces removed, 0 processes stopped)\n");
    }

    @Test
    void disarmedItLeavesAnotherLabAlone() {
        backend.namespaces.add("wanlab-pop");
        LabTeardown t = teardown();

        t.disarm();

        assertThat(t.run()).isTrue();
        assertThat(backend.destroyed).as("a launcher that failed cleaned up itself; what is left is not ours").isZero();
        assertThat(backend.namespaces).containsExactly("wanlab-pop");
    }

    @Test
    void aNamespaceThatSurvivesIsReported() {
        backend.namespaces.add("wanlab-pop");
        backend.stubborn = true;

        assertThat(teardown().run()).isFalse();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("lab down FAILED: still there: wanlab-pop (try './wanlab down')");
    }

    /** Namespaces in memory; destroy removes them unless stubborn. */
    private static final class RecordingBackend implements LabBackend {
        final List<String> namespaces = new ArrayList<>();
        int destroyed;
        boolean stubborn;

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public String lab() {
            return "wanlab";
        }

        @Override
        public void create(LabTopology topology) {
        }

        @Override
        public List<String> list() {
            return List.copyOf(namespaces);
        }

        @Override
        public CleanupReport destroy() {
            destroyed++;
            List<String> removed = stubborn ? List.of() : namespaces.stream().map(n -> "namespace " + n).toList();
            if (!stubborn) {
                namespaces.clear();
            }
            return new CleanupReport(removed, List.of(), false, List.of());
        }

        @Override
        public List<String> exec(String node, List<String> command) {
            return command;
        }
    }

    private static final class NoProcesses implements ProcessTable {
        @Override
        public boolean isAlive(long pid) {
            return false;
        }

        @Override
        public Optional<String> commandLine(long pid) {
            return Optional.empty();
        }

        @Override
        public void terminate(long pid) {
        }

        @Override
        public void kill(long pid) {
        }

        @Override
        public long self() {
            return ProcessHandle.current().pid();
        }
    }
}
