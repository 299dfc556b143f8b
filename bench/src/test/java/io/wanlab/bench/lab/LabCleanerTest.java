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

class LabCleanerTest {
    @TempDir
    Path dir;

    private final RecordingCommandExecutor executor = new RecordingCommandExecutor();
    private final FakeProcessTable processes = new FakeProcessTable(4242);
    private final NamespaceBackend backend = new NamespaceBackend("wanlab", executor, processes, Duration.ofMillis(100));

    private LabCleaner cleaner() {
        return new LabCleaner(backend, processes, dir, Duration.ofMillis(100));
    }

    private void writeState(Map<String, Long> pids) throws IOException {
        new LabState(dir.resolve("run"), dir.resolve("lab.yaml"), pids, Instant.parse("2025-01-01T00:00:00Z"))
                .write(dir.resolve("lab.json"));
    }

    @Test
    void stopsRecordedLabProcessesButNeverARecycledPid() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", 300L);
        pids.put("socket-a", 301L);
        pids.put("socket-b", 302L);
        pids.put("pop", 303L);
        writeState(pids);
        processes.add(300, "java -jar /opt/wanlab/wanlab.jar up")
                .add(301, "java io.wanlab.bench.Wanlab socket --node socket-a")
                .add(302, "/usr/bin/vim notes.txt");
        // 303 is gone already.

        CleanupReport report = cleaner().clean();

        assertThat(processes.signals()).as("the recycled pid 302 is never signalled").containsExactly("TERM 300", "TERM 301");
        assertThat(processes.isAlive(302)).isTrue();
        assertThat(report.stopped()).containsExactly("pid 300 (up)", "pid 301 (socket-a)");
        assertThat(report.notes()).containsExactly("pid 302 (socket-b) is now another program ('/usr/bin/vim notes.txt'): left alone");
        assertThat(report.stateFileRemoved()).isTrue();
        assertThat(dir.resolve("lab.json")).doesNotExist();
    }

    @Test
    void removesNamespacesWithTheirProcessesAndASecondRunFindsNothing() throws IOException {
        writeState(Map.of("up", 500L));
        executor.respond(List.of("ip", "netns", "list"), "wanlab-client\nwanlab-pop\n")
                .respond(List.of("ip", "netns", "pids", "wanlab-pop"), "501\n");
        processes.add(500, "wanlab up").add(501, "java wanlab pop");

        CleanupReport first = cleaner().clean();

        assertThat(first.removed()).containsExactly("namespace wanlab-client", "namespace wanlab-pop");
        assertThat(first.stopped()).containsExactly("pid 500 (up)", "pid 501 (in wanlab-pop)");
        assertThat(first.summary("wanlab")).containsExactly(
                "stopped pid 500 (up)",
                "stopped pid 501 (in wanlab-pop)",
                "removed namespace wanlab-client",
                "removed namespace wanlab-pop",
                "removed the lab's folder (state file, status sockets)");

        executor.respond(List.of("ip", "netns", "list"), "");
        CleanupReport second = cleaner().clean();
        assertThat(second.nothingFound()).isTrue();
        assertThat(second.summary("wanlab")).containsExactly(
                "No lab 'wanlab' found: no wanlab- namespaces, no recorded processes, no state folder. Nothing to remove.");
    }

    @Test
    void aMalformedStateFileIsReportedAndRemovedAndTheNamespacesStillGo() throws IOException {
        Files.writeString(dir.resolve("lab.json"), "{\"version\": 1, \"pids\": {\"up\": ");
        executor.respond(List.of("ip", "netns", "list"), "wanlab-server\n");

        CleanupReport report = cleaner().clean();

        assertThat(report.notes()).singleElement().asString()
                .startsWith("state file unreadable, its processes were not stopped: " + dir.resolve("lab.json") + ": lab state: line 1, column 31: Unexpected end-of-input");
        assertThat(report.removed()).containsExactly("namespace wanlab-server");
        assertThat(report.stateFileRemoved()).isTrue();
        assertThat(processes.signals()).isEmpty();
    }

    @Test
    void removesTheStatusSocketsAndTheFolderButNothingItDoesNotKnow() throws IOException {
        writeState(Map.of());
        Files.createFile(dir.resolve("socket-a.sock"));
        Files.createFile(dir.resolve("pop.sock"));
        Files.createFile(dir.resolve(".lab-123.json.tmp"));

        CleanupReport report = cleaner().clean();

        assertThat(report.stateFileRemoved()).isTrue();
        assertThat(dir).as("state, sockets and the folder are gone").doesNotExist();
    }

    @Test
    void aStrangerInTheFolderKeepsItAndIsNamed() throws IOException {
        Files.createFile(dir.resolve("pop.sock"));
        Files.createFile(dir.resolve("notes.txt"));

        CleanupReport report = cleaner().clean();

        assertThat(dir.resolve("pop.sock")).doesNotExist();
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(report.stateFileRemoved()).isFalse();
        assertThat(report.notes()).containsExactly("left " + dir.resolve("notes.txt") + " alone (not a state file or status socket)");
    }

    @Test
    void aSocketOnlyLeftoverIsStillFoundAndRemoved() throws IOException {
        Files.createFile(dir.resolve("server.sock"));
        CleanupReport report = cleaner().clean();
        assertThat(report.nothingFound()).as("a failed up's sockets are something to remove").isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void neverSignalsItselfEvenWhenRecorded() throws IOException {
        writeState(Map.of("up", 4242L));
        processes.add(4242, "java wanlab down");
        CleanupReport report = cleaner().clean();
        assertThat(processes.signals()).isEmpty();
        assertThat(report.stopped()).isEmpty();
        assertThat(report.stateFileRemoved()).isTrue();
    }
}
