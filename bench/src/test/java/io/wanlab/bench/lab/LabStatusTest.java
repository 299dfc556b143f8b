package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabStatusTest {
    @TempDir
    Path dir;

    private final RecordingCommandExecutor executor = new RecordingCommandExecutor();
    private final FakeProcessTable processes = new FakeProcessTable(1);
    private final NamespaceBackend backend = new NamespaceBackend("wanlab", executor, processes, Duration.ofMillis(10));

    @Test
    void nothingUpSaysSo() {
        LabStatus status = LabStatus.read(backend, processes, dir);
        assertThat(status.down()).isTrue();
        assertThat(status.lines()).containsExactly(
                "Lab 'wanlab' is not up: no wanlab- namespaces and no state file (" + dir.resolve("lab.json") + ").");
    }

    @Test
    void showsInstancesAndWhichRecordedProcessesStillRun() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", 10L);
        pids.put("pop", 11L);
        pids.put("socket-a", 12L);
        new LabState(Path.of("/runs/1"), Path.of("lab.yaml"), pids, Instant.parse("2025-01-01T00:00:00Z"))
                .write(dir.resolve("lab.json"));
        processes.add(10, "java -jar wanlab.jar up").add(12, "bash");
        executor.respond(List.of("ip", "netns", "list"), "wanlab-pop (id: 1)\nwanlab-client\n");

        LabStatus status = LabStatus.read(backend, processes, dir);

        assertThat(status.down()).isFalse();
        assertThat(status.processes()).containsExactly(
                Map.entry("up", LabStatus.ProcessState.RUNNING),
                Map.entry("pop", LabStatus.ProcessState.GONE),
                Map.entry("socket-a", LabStatus.ProcessState.REUSED));
        assertThat(status.summaryLine())
                .isEqualTo("wanlab: run folder /runs/1; nodes client, pop; 1 of 3 processes running");
        assertThat(status.lines()).containsExactly(
                "lab: wanlab",
                "lab instances: wanlab-client, wanlab-pop",
                "lab file: lab.yaml",
                "run folder: /runs/1",
                "started: 2025-01-01T00:00:00Z",
                "  up: pid 10 running",
                "  pop: pid 11 gone",
                "  socket-a: pid 12 reused");
    }

    @Test
    void aBrokenStateFileIsShownNotThrown() throws IOException {
        Files.writeString(dir.resolve("lab.json"), "nonsense");
        LabStatus status = LabStatus.read(backend, processes, dir);
        assertThat(status.down()).as("a leftover state file still needs 'wanlab down'").isFalse();
        assertThat(status.lines()).containsExactly("lab: wanlab", "lab instances: none",
                "state file unreadable: " + dir.resolve("lab.json") + ": lab state: line 1, column 1: Unrecognized token 'nonsense': "
                        + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }
}
