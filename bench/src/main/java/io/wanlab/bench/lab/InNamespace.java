package io.wanlab.bench.lab;

import io.wanlab.core.topo.LabNames;
import io.wanlab.core.tun.NetNamespaces;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a piece of this JVM inside a lab node's network namespace: a fresh thread enters it,
 * does the work and ends, so no pooled thread ever carries a namespace it should not. Sockets
 * made by that thread (Netty's connect makes them on the caller) live in the node's namespace.
 */
public final class InNamespace {
    private InNamespace() {
    }

    /** Runs {@code work} in the namespace of {@code node} of lab {@code lab}. */
    public static <T> T call(String lab, String node, Callable<T> work) throws Exception {
        String namespace = LabNames.namespace(lab, node);
        FutureTask<T> task = new FutureTask<>(() -> {
            NetNamespaces.enterCurrentThread(lab, node);
            return work.call();
        });
        Thread t = new Thread(task, "in-" + namespace);
        t.setDaemon(true);
        t.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
