package io.wanlab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakScanTest {
    @TempDir
    Path dir;

    /**
     * The soak's leak check end to end in one JVM: a buffer dropped without release at the level
     * the soak gives its nodes, a collection, a later allocation; Netty reports it through JDK
     * logging (what a node's log holds) with the mark the scan counts.
     */
    @Test
    void aLeakedBufferIsReportedWithTheMarkTheScanCounts() throws Exception {
        Logger netty = Logger.getLogger(ResourceLeakDetector.class.getName());
        List<String> reports = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                reports.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        netty.addHandler(capture);
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        try {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            leak();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (reports.stream().noneMatch(m -> m.contains(LeakScan.MARK)) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
                PooledByteBufAllocator.DEFAULT.buffer(16).release();
            }
        } finally {
            ResourceLeakDetector.setLevel(before);
            netty.removeHandler(capture);
        }
        assertThat(reports).as("Netty's leak report").anySatisfy(m -> assertThat(m).contains(LeakScan.MARK));

        Path log = dir.resolve("socket-a.log");
        Files.write(log, List.of("wanlab node socket-a: ready", "Nov 30 SEVERE: " + reports.getFirst().lines().findFirst().orElseThrow(),
                "Recent access records:", "Nov 30 SEVERE: LEAK: ByteBuf.release() was not called again"));
        Files.write(dir.resolve("pop.log"), List.of("wanlab node pop: ready"));
        LeakScan.Result r = LeakScan.scan(List.of(log, dir.resolve("pop.log"), dir.resolve("gone.log")));
        assertThat(r.leaks()).isEqualTo(2);
        assertThat(r.first()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("socket-a.log: ").contains("LEAK:"));
        assertThat(r.unreadable()).singleElement().satisfies(u -> assertThat(u).contains("gone.log"));
    }

    private static void leak() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.buffer(64);
        lost.writeInt(42);
    }
}
