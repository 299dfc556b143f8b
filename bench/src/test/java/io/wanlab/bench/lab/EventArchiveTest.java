package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventArchiveTest {
    @TempDir
    Path dir;

    private static String gunzip(Path gz) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gzipsEveryEventsFileOfTheRunBesideItAndRemovesTheOriginal() throws Exception {
        String lines = "{\"type\":\"flow-created\"}\n".repeat(10_000);
        Files.createDirectories(dir.resolve("socket-a"));
        Files.createDirectories(dir.resolve("handshakes-bug-on/pop"));
        Files.writeString(dir.resolve("socket-a/events.jsonl"), lines);
        Files.writeString(dir.resolve("handshakes-bug-on/pop/events.jsonl"), "{\"type\":\"node-ready\"}\n");
        Files.writeString(dir.resolve("socket-a.log"), "wanlab node socket-a: ready\n");

        EventArchive.Result r = EventArchive.gzipAll(dir, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(r.failure()).isNull();
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.bytesBefore()).isEqualTo(lines.length() + "{\"type\":\"node-ready\"}\n".length());
        assertThat(r.bytesAfter()).isLessThan(r.bytesBefore() / 10);
        assertThat(dir.resolve("socket-a/events.jsonl")).doesNotExist();
        assertThat(gunzip(dir.resolve("socket-a/events.jsonl.gz"))).isEqualTo(lines);
        assertThat(gunzip(dir.resolve("handshakes-bug-on/pop/events.jsonl.gz"))).isEqualTo("{\"type\":\"node-ready\"}\n");
        assertThat(dir.resolve("socket-a.log")).as("only events files").hasContent("wanlab node socket-a: ready");
        try (var walk = Files.walk(dir)) {
            assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".partial"));
        }
    }

    @Test
    void leavesEventsFilesOlderThanTheRunAlone() throws Exception {
        Path old = dir.resolve("an-older-run/server/events.jsonl");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "{}\n");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        EventArchive.Result r = EventArchive.gzipAll(dir, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(r.files()).isZero();
        assertThat(old).hasContent("{}");
    }

    @Test
    void aFailureLeavesTheOriginalAndSaysWhich() throws Exception {
        Path events = dir.resolve("socket-b/events.jsonl");
        Files.createDirectories(events.getParent());
        Files.writeString(events, "{}\n");
        // The .gz cannot replace a non-empty directory of that name.
        Files.createDirectories(dir.resolve("socket-b/events.jsonl.gz/in-the-way"));

        EventArchive.Result r = EventArchive.gzipAll(dir, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(r.failure()).contains("socket-b").contains("events.jsonl");
        assertThat(events).hasContent("{}");
        assertThat(events.resolveSibling("events.jsonl.gz.partial")).doesNotExist();
    }

    @Test
    void aMissingRunFolderIsNothingToDo() {
        EventArchive.Result r = EventArchive.gzipAll(dir.resolve("never-made"), FileTime.from(Instant.now()));

        assertThat(r).isEqualTo(new EventArchive.Result(0, 0, 0, null));
    }
}
