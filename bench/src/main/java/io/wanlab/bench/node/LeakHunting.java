package io.wanlab.bench.node;

import io.netty.util.ResourceLeakDetector;
import java.time.Duration;

/**
 * Netty's buffer leak detection for a node process ({@code --leak-detection LEVEL}), set before the
 * node allocates its first buffer. Netty reports a leak ({@code LEAK: ...release() was not called},
 * on the node's log through JDK logging) only after the garbage collector has found the lost buffer
 * and a later buffer is tracked; a node with a large heap and little garbage may not collect for
 * minutes. So at {@code ADVANCED} and {@code PARANOID} a daemon thread asks for a collection every
 * {@link #GC_PERIOD}: a soak of a few minutes then sees every leak that happened more than a period
 * before its end.
 */
final class LeakHunting {
    static final Duration GC_PERIOD = Duration.ofSeconds(10);

    private LeakHunting() {
    }

    /** {@code null}: Netty's default (or whatever -Dio.netty.leakDetection.level said). */
    static void apply(ResourceLeakDetector.Level level) {
        if (level == null) {
            return;
        }
        ResourceLeakDetector.setLevel(level);
        if (level.ordinal() < ResourceLeakDetector.Level.ADVANCED.ordinal()) {
            return;
        }
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(GC_PERIOD);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
            }
        }, "leak-hunting-gc");
        t.setDaemon(true);
        t.start();
    }
}
