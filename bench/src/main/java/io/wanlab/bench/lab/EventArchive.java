package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips the {@code events.jsonl} files a benchmark's nodes wrote, once the lab is down. Under load every flow, handshake
 * and request is an event: one {@code bench handshakes} run left 131 MB of them in its run folder, 4.4 MB gzipped (about
 * a second). Nothing is lost: each file becomes {@code events.jsonl.gz} beside it ({@code zcat} reads it), written to a
 * temporary name and moved into place before the original is removed, so a failure at any point leaves one whole copy.
 * Only files modified since the run began are touched: {@code --out} may name a folder that holds older ones. Called
 * only once every node is stopped: a node still writing would write into a file that is gone.
 */
public final class EventArchive {
    public static final String EVENTS = "events.jsonl";

    private EventArchive() {
    }

    /** What was compressed: how many files, their bytes before and after; and the first failure, or null. */
    public record Result(int files, long bytesBefore, long bytesAfter, String failure) {
    }

    /** Gzips every {@value #EVENTS} under {@code dir} modified at or after {@code since}; never throws for I/O. */
    public static Result gzipAll(Path dir, FileTime since) {
        requireNonNull(dir, "dir");
        requireNonNull(since, "since");
        if (!Files.isDirectory(dir)) {
            return new Result(0, 0, 0, null);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> p.getFileName().toString().equals(EVENTS) && Files.isRegularFile(p)).forEach(files::add);
        } catch (IOException | RuntimeException e) {
            return new Result(0, 0, 0, "listing " + dir + ": " + e.getMessage());
        }
        int done = 0;
        long before = 0;
        long after = 0;
        for (Path file : files) {
            try {
                if (Files.getLastModifiedTime(file).compareTo(since) < 0) {
                    continue;
                }
                long size = Files.size(file);
                Path gz = file.resolveSibling(EVENTS + ".gz");
                Path partial = file.resolveSibling(EVENTS + ".gz.partial");
                try (InputStream in = Files.newInputStream(file); OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    in.transferTo(out);
                }
                Files.move(partial, gz, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(file);
                done++;
                before += size;
                after += Files.size(gz);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(file.resolveSibling(EVENTS + ".gz.partial"));
                } catch (IOException ignored) {
                    // The original is still there; a leftover partial file is named as such.
                }
                return new Result(done, before, after, file + ": " + e.getMessage());
            }
        }
        return new Result(done, before, after, null);
    }
}
