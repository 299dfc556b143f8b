package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes events as JSON lines (UTF-8) to a file, truncating it on open. Lines are buffered and
 * flushed every {@code flushEvery} events, by a timer every {@code flushInterval} while any
 * line waits, and on {@link #close()}.
 *
 * <p>Threading: {@link #emit} may be called from any number of threads; each event's line is
 * built outside the lock and appended whole under it, so lines never interleave. The timer is
 * one daemon thread owned by this log.
 *
 * <p>Failure: {@link #emit} never throws for I/O. The first write error stops the log (later
 * events are counted in {@link #dropped()}) and {@link #close()} rethrows it. Events emitted
 * after close are dropped and counted too.
 */
public final class JsonLinesEventLog implements EventLog, Closeable {
    public static final int DEFAULT_FLUSH_EVERY = 64;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final int flushEvery;
    private final BufferedWriter writer;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    private int unflushed;
    private long written;
    private long dropped;
    private boolean closed;
    private IOException failure;

    private JsonLinesEventLog(Path file, int flushEvery, Duration flushInterval) throws IOException {
        this.file = file;
        this.flushEvery = flushEvery;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // A FileOutputStream is never interruptible; a FileChannel closes itself when a writing
        // thread is interrupted, and one interrupted event-loop thread would end the log.
        this.writer = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile()), StandardCharsets.UTF_8));
        if (flushInterval.isZero()) {
            this.timer = null;
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("wanlab-events-flush").factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long nanos = flushInterval.toNanos();
        executor.scheduleWithFixedDelay(this::flushIfPending, nanos, nanos, TimeUnit.NANOSECONDS);
        this.timer = executor;
    }

    public static JsonLinesEventLog open(Path file) throws IOException {
        return open(file, DEFAULT_FLUSH_EVERY, DEFAULT_FLUSH_INTERVAL);
    }

    /**
     * @param flushEvery    flush after this many buffered lines, 1..1_000_000 (1 flushes every event)
     * @param flushInterval flush lines that waited this long; zero turns the timer off
     */
    public static JsonLinesEventLog open(Path file, int flushEvery, Duration flushInterval) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(flushInterval, "flushInterval");
        if (flushEvery < 1 || flushEvery > 1_000_000) {
            throw new IllegalArgumentException("flushEvery: " + flushEvery + " (expected: 1..1000000)");
        }
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval: " + flushInterval + " (expected: zero or positive)");
        }
        return new JsonLinesEventLog(file, flushEvery, flushInterval);
    }

    public Path file() {
        return file;
    }

    @Override
    public void emit(Event event) {
        String line = EventJson.toJson(requireNonNull(event, "event"));
        lock.lock();
        try {
            if (closed || failure != null) {
                dropped++;
                return;
            }
            writer.write(line);
            writer.write('\n');
            written++;
            if (++unflushed >= flushEvery) {
                flushLocked();
            }
        } catch (IOException e) {
            failure = e;
            dropped++;
        } finally {
            lock.unlock();
        }
    }

    /** Pushes buffered lines to the file now. */
    public void flush() {
        lock.lock();
        try {
            if (!closed && failure == null) {
                flushLocked();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            lock.unlock();
        }
    }

    /** Events written so far (some may still sit in the buffer). */
    public long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Events refused because the log was closed or had failed. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Flushes and closes the file; rethrows the first write error, if any. Idempotent. */
    @Override
    public void close() throws IOException {
        if (timer != null) {
            // shutdown, not shutdownNow: a flush in progress finishes rather than being interrupted.
            timer.shutdown();
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writer.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushIfPending() {
        lock.lock();
        try {
            if (!closed && failure == null && unflushed > 0) {
                flushLocked();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() throws IOException {
        writer.flush();
        unflushed = 0;
    }

    @Override
    public String toString() {
        return "JsonLinesEventLog[" + file + "]";
    }
}
