package io.wanlab.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventLogTest {
    @TempDir
    Path dir;

    @Test
    void writesOneLinePerEventReadableAfterClose() throws IOException {
        Path file = dir.resolve("run/socket-a/events.jsonl");
        List<Event> events = List.of(
                new Event.NodeReady(1, "socket-a", "socket", "up"),
                new Event.FlowCreated(2, "socket-a", 1, "tcp", "198.18.1.10", 40_000, "198.18.2.10", 443),
                new Event.PacketDropped(3, "socket-a", "quoted \"x\"", "line\nbreak, é"));
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file)) {
            events.forEach(log::emit);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .as("parent folders created, one line per event, UTF-8")
                .containsExactlyElementsOf(events.stream().map(EventJson::toJson).toList());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("}\n");
    }

    @Test
    void flushesEveryNEvents() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 3, Duration.ZERO)) {
            log.emit(evicted(1));
            log.emit(evicted(2));
            assertThat(Files.readAllLines(file)).as("below the threshold nothing reaches the file").isEmpty();
            log.emit(evicted(3));
            assertThat(Files.readAllLines(file)).as("the third event flushes all three").hasSize(3);
        }
    }

    @Test
    void timerFlushesAQuietLog() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 1000, Duration.ofMillis(20))) {
            log.emit(evicted(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Files.size(file) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.readAllLines(file)).as("the timer flushed the lone event").hasSize(1);
        }
    }

    @Test
    void explicitFlush() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 1000, Duration.ZERO)) {
            log.emit(evicted(1));
            log.flush();
            assertThat(Files.readAllLines(file)).hasSize(1);
        }
    }

    @Test
    void concurrentEmitsGiveIntactLines() throws Exception {
        Path file = dir.resolve("events.jsonl");
        int threads = 4;
        int perThread = 2_500;
        Set<String> expected = new HashSet<>();
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 7, Duration.ofMillis(1));
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Event> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(new Event.FlowSwitched(i, "node-" + t, t * 1_000_000L + i, "cato", "off-cloud", i % 5,
                            "rule \"" + i + "\"", "thread " + t + " event " + i + " " + "x".repeat(i % 300)));
                }
                mine.forEach(e -> expected.add(EventJson.toJson(e)));
                done.add(pool.submit(() -> {
                    start.await();
                    mine.forEach(log::emit);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(log.written()).isEqualTo((long) threads * perThread);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        assertThat(new HashSet<>(lines)).as("every line is one whole event, none torn or lost").isEqualTo(expected);
    }

    @Test
    void anInterruptedEmitterDoesNotEndTheLog() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (JsonLinesEventLog log = JsonLinesEventLog.open(file, 1, Duration.ZERO)) {
            Thread.currentThread().interrupt();
            try {
                log.emit(evicted(1));
            } finally {
                Thread.interrupted();
            }
            log.emit(evicted(2));
            assertThat(log.dropped()).isZero();
        }
        assertThat(Files.readAllLines(file)).as("an event loop shutting down does not cost the log").hasSize(2);
    }

    @Test
    void emitAfterCloseIsDroppedAndCounted() throws IOException {
        Path file = dir.resolve("events.jsonl");
        JsonLinesEventLog log = JsonLinesEventLog.open(file);
        log.emit(evicted(1));
        log.close();
        log.emit(evicted(2));
        log.close();
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void settingsAreChecked() {
        Path file = dir.resolve("x.jsonl");
        assertThatThrownBy(() -> JsonLinesEventLog.open(file, 0, Duration.ZERO)).hasMessage("flushEvery: 0 (expected: 1..1000000)");
        assertThatThrownBy(() -> JsonLinesEventLog.open(file, 1, Duration.ofSeconds(-1)))
                .hasMessage("flushInterval: PT-1S (expected: zero or positive)");
    }

    @Test
    void openingAFolderFailsClearly() {
        assertThatThrownBy(() -> JsonLinesEventLog.open(dir)).isInstanceOf(IOException.class);
    }

    private static Event evicted(long flowId) {
        return new Event.FlowEvicted(flowId, "socket-a", flowId);
    }
}
