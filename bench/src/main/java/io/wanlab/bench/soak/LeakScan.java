package io.wanlab.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's leak reports in the nodes' logs: the lines holding {@code LEAK:} (Netty logs
 * {@code LEAK: ByteBuf.release() was not called before it's garbage-collected.} and the access
 * records after it), one per leak found. Reads each log line by line, keeps the first few lines.
 */
final class LeakScan {
    static final String MARK = "LEAK:";
    private static final int KEEP = 5;

    /** @param leaks how many LEAK: lines; {@code first}: the first of them with their log's name */
    record Result(long leaks, List<String> first, List<String> unreadable) {
        Result {
            first = List.copyOf(first);
            unreadable = List.copyOf(unreadable);
        }
    }

    private LeakScan() {
    }

    static Result scan(List<Path> logs) {
        long leaks = 0;
        List<String> first = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path log : logs) {
            try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains(MARK)) {
                        leaks++;
                        if (first.size() < KEEP) {
                            first.add(log.getFileName() + ": " + line.strip());
                        }
                    }
                }
            } catch (IOException e) {
                unreadable.add(log + ": " + e.getMessage());
            }
        }
        return new Result(leaks, first, unreadable);
    }
}
