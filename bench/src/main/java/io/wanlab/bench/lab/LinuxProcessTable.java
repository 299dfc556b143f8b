package io.wanlab.bench.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Processes through /proc and {@link ProcessHandle} (which checks the start time, so a recycled pid is not signalled). */
public final class LinuxProcessTable implements ProcessTable {
    private static final int MAX_CMDLINE = 64 * 1024;

    @Override
    public boolean isAlive(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // The state letter follows the command name, which is in parentheses and may hold anything.
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(close + 2);
        return state != 'Z' && state != 'X';
    }

    @Override
    public Optional<String> commandLine(long pid) {
        byte[] raw;
        try (var in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            raw = in.readNBytes(MAX_CMDLINE);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    @Override
    public void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public long self() {
        return ProcessHandle.current().pid();
    }
}
