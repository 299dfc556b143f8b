package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kernel's own counters of a namespace's devices, from {@code /sys/class/net/<dev>/statistics}.
 * A node started with {@code ip netns exec} sees its own namespace's sysfs there, so it reads its
 * TUN and veths without entering anything. Where the kernel drops a packet before a node sees it
 * (a TUN's queue overflows: {@code tx_dropped}), only these counters know.
 */
public final class KernelCounters {
    public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    /** One device's counters, named as the kernel names them. */
    public record Device(long rxPackets, long rxDropped, long txPackets, long txDropped) {
        public long packets(boolean tx) {
            return tx ? txPackets : rxPackets;
        }

        public long dropped(boolean tx) {
            return tx ? txDropped : rxDropped;
        }
    }

    private KernelCounters() {
    }

    /** Every device under {@code root} but {@code lo}, by name; empty when the folder cannot be read. */
    public static Map<String, Device> read(Path root) {
        requireNonNull(root, "root");
        Map<String, Device> devices = new TreeMap<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path dev : (Iterable<Path>) list::iterator) {
                String name = dev.getFileName().toString();
                if (name.equals("lo") || !Files.isDirectory(dev.resolve("statistics"))) {
                    continue;
                }
                Path s = dev.resolve("statistics");
                devices.put(name, new Device(number(s, "rx_packets"), number(s, "rx_dropped"), number(s, "tx_packets"),
                        number(s, "tx_dropped")));
            }
        } catch (IOException | RuntimeException e) {
            // No sysfs of our own (a test, a container without /sys): the node's own counts still stand.
        }
        return devices;
    }

    private static long number(Path statistics, String counter) {
        try {
            return Long.parseLong(Files.readString(statistics.resolve(counter)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
