package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonGenerator;

/**
 * A node's memory as its status reports it, in bytes: the Java heap (used, committed, max), what
 * Netty's pooled allocator holds (heap and direct arenas) and the process's resident set from the
 * kernel ({@code VmRSS}, and its peak {@code VmHWM}, of {@code /proc/self/status}). The node reads
 * its own figures, so they are right in a namespace or a container alike, where the orchestrator's
 * pid may be a wrapper's. With them, the level of Netty's leak detection the process runs at, so a
 * soak can tell that its nodes would report a leak. Any thread; allocates.
 */
public record NodeMemory(long heapUsed, long heapCommitted, long heapMax, long nettyHeap, long nettyDirect, long rss, long rssPeak,
        String leakDetection) {
    public static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

    /** This JVM's figures now ({@code rss} and {@code rssPeak} are -1 where /proc cannot be read). */
    public static NodeMemory now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ByteBufAllocatorMetric netty = PooledByteBufAllocator.DEFAULT.metric();
        long rss = -1;
        long peak = -1;
        try {
            String status = Files.readString(PROC_SELF_STATUS);
            rss = kilobytes(status, "VmRSS");
            peak = kilobytes(status, "VmHWM");
        } catch (IOException | RuntimeException e) {
            // No procfs (not Linux): the heap figures still stand; -1 says the kernel's are unknown.
        }
        return new NodeMemory(heap.getUsed(), heap.getCommitted(), heap.getMax(), netty.usedHeapMemory(),
                netty.usedDirectMemory(), rss, peak, io.netty.util.ResourceLeakDetector.getLevel().name());
    }

    /**
     * A {@code Name:   1234 kB} line of a {@code /proc/<pid>/status} text, in bytes; -1 when the
     * line is missing (a kernel thread has no VmRSS).
     */
    public static long kilobytes(String procStatus, String field) {
        requireNonNull(procStatus, "procStatus");
        requireNonNull(field, "field");
        for (String line : procStatus.split("\n")) {
            if (!line.startsWith(field + ":")) {
                continue;
            }
            String value = line.substring(field.length() + 1).strip();
            if (!value.endsWith(" kB")) {
                throw new IllegalArgumentException(field + ": '" + value + "' (expected: a number and ' kB')");
            }
            return Long.parseLong(value.substring(0, value.length() - 3).strip()) * 1024;
        }
        return -1;
    }

    /** {@code "memory": {...}} into a status document being written. */
    public void write(JsonGenerator g) {
        g.writeObjectPropertyStart("memory")
                .writeNumberProperty("heap-used", heapUsed)
                .writeNumberProperty("heap-committed", heapCommitted)
                .writeNumberProperty("heap-max", heapMax)
                .writeNumberProperty("netty-heap", nettyHeap)
                .writeNumberProperty("netty-direct", nettyDirect)
                .writeNumberProperty("rss", rss)
                .writeNumberProperty("rss-peak", rssPeak)
                .writeStringProperty("leak-detection", leakDetection)
                .writeEndObject();
    }
}
