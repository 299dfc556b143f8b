package io.wanlab.core.tun;

import static java.util.Objects.requireNonNull;

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
     * Moves the calling thread into the named namespace (from {@code ip netns add NAME}). Only
     * namespaces whose name starts with {@code wanlab-} are accepted: the lab never enters
     * another process's namespace.
     */
    public static void enterCurrentThread(String name) throws IOException {
        requireNonNull(name, "name");
        if (!name.startsWith("wanlab-") || name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("namespace: '" + name + "' (expected: a lab namespace named wanlab-*)");
        }
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
