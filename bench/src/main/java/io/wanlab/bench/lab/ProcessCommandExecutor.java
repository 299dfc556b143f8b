package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@link ProcessBuilder}: stdin from /dev/null, stdout and stderr captured
 * through temporary files (so a chatty command never blocks on a full pipe and a leftover
 * grandchild never holds a reader), at most {@value #MAX_CAPTURE} bytes of each kept, and a
 * timeout after which the command and its descendants are killed. Safe to use from several threads.
 */
public final class ProcessCommandExecutor implements CommandExecutor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    static final int MAX_CAPTURE = 1 << 20;

    private final Duration timeout;

    public ProcessCommandExecutor() {
        this(DEFAULT_TIMEOUT);
    }

    public ProcessCommandExecutor(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: positive)");
        }
        this.timeout = timeout;
    }

    @Override
    public CommandResult attempt(List<String> argv) {
        requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv: empty (expected: a program and its arguments)");
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("wanlab-cmd-", ".out");
            err = Files.createTempFile("wanlab-cmd-", ".err");
            Process p = start(argv, out, err);
            if (!waitFor(p, argv)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw LabSetupException.timedOut(argv, timeout.toSeconds(), read(err));
            }
            return new CommandResult(argv, p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw LabSetupException.couldNotStart(argv, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static Process start(List<String> argv, Path out, Path err) {
        try {
            return new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            throw LabSetupException.couldNotStart(argv, e);
        }
    }

    private boolean waitFor(Process p, List<String> argv) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabSetupException("interrupted while running: " + String.join(" ", argv));
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_CAPTURE), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless; the command's outcome matters more.
        }
    }
}
