package io.wanlab.bench.node;

import java.util.concurrent.CompletableFuture;

/** Keeps a node process alive until SIGTERM/SIGINT or a data-plane failure, then closes it once. */
final class NodeRunner {
    private NodeRunner() {
    }

    static int runUntilStopped(String node, AutoCloseable device, CompletableFuture<String> failure) {
        CompletableFuture<String> stop = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            stop.complete("signal");
            closeQuietly(node, device);
        }, "shutdown-" + node);
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("wanlab node " + node + ": ready");
        System.out.flush();
        String why = CompletableFuture.anyOf(stop, failure).thenApply(String::valueOf).join();
        if ("signal".equals(why)) {
            return 0;
        }
        System.err.println("wanlab node " + node + ": stopping: " + why);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return 1;
        }
        closeQuietly(node, device);
        return 1;
    }

    private static void closeQuietly(String node, AutoCloseable device) {
        try {
            device.close();
        } catch (Exception e) {
            System.err.println("wanlab node " + node + ": close: " + e);
        }
    }
}
