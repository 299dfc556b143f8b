package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
        try (Reader once = new Reader(root)) {
            return once.read();
        }
    }

    /** The counters {@link #read} takes from each device's {@code statistics}, in {@link Device}'s order. */
    static final String[] COUNTERS = {"rx_packets", "rx_dropped", "tx_packets", "tx_dropped"};

    /**
     * Reads the same counters again and again, as the nodes' once-a-second drop report does: it keeps each counter's file
     * open and rereads it at offset 0 (sysfs makes a fresh value for every read from the start), one {@code pread}
     * where a read from scratch lists the folder and opens and closes every file, and lists the devices again only every
     * {@link #RELIST_NANOS} or after a read failed. That task runs so rarely that it stays in the interpreter, where
     * opening a file costs most: listing and opening every second was about half the event loop's CPU on an idle lab
     * (2.5-3.3 % of a core per node, JFR). A device added since the last listing shows up at the next one. Thread-safe;
     * {@link #close} releases the files. {@link KernelCounters#read} is one read of a reader made for it.
     */
    public static final class Reader implements AutoCloseable {
        static final long RELIST_NANOS = TimeUnit.SECONDS.toNanos(10);
        private final Path root;
        private final LongSupplier nanoClock;
        private final Map<String, FileChannel[]> open = new TreeMap<>();
        private final ByteBuffer buffer = ByteBuffer.allocate(32);
        private long listedAt;
        private boolean listed;

        public Reader(Path root) {
            this(root, System::nanoTime);
        }

        Reader(Path root, LongSupplier nanoClock) {
            this.root = requireNonNull(root, "root");
            this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        }

        /** As {@link KernelCounters#read}: every device but {@code lo}, by name; a counter that cannot be read is -1. */
        public synchronized Map<String, Device> read() {
            long now = nanoClock.getAsLong();
            if (!listed || now - listedAt >= RELIST_NANOS) {
                relist();
                listedAt = now;
                listed = true;
            }
            Map<String, Device> devices = new TreeMap<>();
            boolean failed = false;
            for (Map.Entry<String, FileChannel[]> e : open.entrySet()) {
                long[] v = new long[COUNTERS.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = number(e.getValue()[i]);
                    failed |= v[i] < 0;
                }
                devices.put(e.getKey(), new Device(v[0], v[1], v[2], v[3]));
            }
            if (failed) {
                listed = false; // a device went away or changed: list again next time
            }
            return devices;
        }

        private void relist() {
            closeAll();
            try (Stream<Path> list = Files.list(root)) {
                for (Path dev : (Iterable<Path>) list::iterator) {
                    String name = dev.getFileName().toString();
                    Path statistics = dev.resolve("statistics");
                    if (name.equals("lo") || !Files.isDirectory(statistics)) {
                        continue;
                    }
                    FileChannel[] channels = new FileChannel[COUNTERS.length];
                    for (int i = 0; i < channels.length; i++) {
                        try {
                            channels[i] = FileChannel.open(statistics.resolve(COUNTERS[i]));
                        } catch (IOException | RuntimeException e) {
                            channels[i] = null; // read as -1
                        }
                    }
                    open.put(name, channels);
                }
            } catch (IOException | RuntimeException e) {
                // No sysfs of our own (a test, a container without /sys): the node's own counts still stand.
            }
        }

        private long number(FileChannel channel) {
            if (channel == null) {
                return -1;
            }
            try {
                buffer.clear();
                int n = channel.read(buffer, 0);
                if (n <= 0 || n == buffer.capacity()) {
                    return -1;
                }
                return Long.parseLong(new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        private void closeAll() {
            for (FileChannel[] channels : open.values()) {
                for (FileChannel c : channels) {
                    if (c != null) {
                        try {
                            c.close();
                        } catch (IOException e) {
                            // Nothing to release that the kernel will not.
                        }
                    }
                }
            }
            open.clear();
        }

        @Override
        public synchronized void close() {
            closeAll();
            listed = false;
        }
    }
}
