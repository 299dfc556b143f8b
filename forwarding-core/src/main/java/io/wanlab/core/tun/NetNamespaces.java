package io.wanlab.core.tun;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.LabNames;
import java.io.IOException;

/**
 * Network namespaces as the kernel sees them from one thread. Linux keeps the network
 * namespace per thread, so a thread can enter a lab namespace and open TUN devices and sockets
 * there while the rest of the JVM stays put.
 */
public final class NetNamespaces {
    private NetNamespaces() {
    }

    /**
     * Moves the calling thread into the namespace of {@code node} of lab {@code lab} (from
     * {@code ip netns add <lab>-<node>}). Only namespaces named by {@link LabNames#namespace} are
     * reachable: the lab never enters another process's namespace.
     */
    public static void enterCurrentThread(String lab, String node) throws IOException {
        String name = LabNames.namespace(requireNonNull(lab, "lab"), requireNonNull(node, "node"));
        Libc libc = Libc.get();
        int fd = libc.open("/var/run/netns/" + name, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw libc.error("open /var/run/netns/" + name);
        }
        try {
            if (libc.setns(fd, Libc.CLONE_NEWNET) < 0) {
                throw libc.error("setns " + name);
            }
        } finally {
            libc.close(fd);
        }
    }
}
