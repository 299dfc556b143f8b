package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCountersTest {
    @TempDir
    Path root;

    private void device(String name, long rxPackets, long rxDropped, long txPackets, long txDropped) throws Exception {
        Path s = Files.createDirectories(root.resolve(name).resolve("statistics"));
        // Written in place, as sysfs changes a value: the same file, new contents.
        Files.writeString(s.resolve("rx_packets"), rxPackets + "\n");
        Files.writeString(s.resolve("rx_dropped"), rxDropped + "\n");
        Files.writeString(s.resolve("tx_packets"), txPackets + "\n");
        Files.writeString(s.resolve("tx_dropped"), txDropped + "\n");
    }

    @Test
    void readsEveryDeviceButLoopback() throws Exception {
        device("wl-sa", 10, 1, 20, 2);
        device("lo", 5, 0, 5, 0);
        Files.createDirectories(root.resolve("bonding_masters-like-file-not-a-device"));

        assertThat(KernelCounters.read(root)).containsOnlyKeys("wl-sa")
                .containsEntry("wl-sa", new KernelCounters.Device(10, 1, 20, 2));
    }

    @Test
    void theReaderKeepsItsFilesOpenAndSeesNewValuesOnEveryRead() throws Exception {
        AtomicLong clock = new AtomicLong();
        device("wl-sa", 10, 1, 20, 2);
        try (KernelCounters.Reader reader = new KernelCounters.Reader(root, clock::get)) {
            assertThat(reader.read()).containsEntry("wl-sa", new KernelCounters.Device(10, 1, 20, 2));

            device("wl-sa", 11, 1, 25, 7);
            clock.addAndGet(1_000_000_000L);

            assertThat(reader.read()).as("same files, read again from the start")
                    .containsEntry("wl-sa", new KernelCounters.Device(11, 1, 25, 7));
            assertThat(reader.read()).isEqualTo(KernelCounters.read(root));
        }
    }

    @Test
    void theReaderFindsANewDeviceAtTheNextListing() throws Exception {
        AtomicLong clock = new AtomicLong();
        device("wl-sa", 1, 0, 1, 0);
        try (KernelCounters.Reader reader = new KernelCounters.Reader(root, clock::get)) {
            assertThat(reader.read()).containsOnlyKeys("wl-sa");
            device("veth-new", 3, 0, 4, 0);

            clock.addAndGet(KernelCounters.Reader.RELIST_NANOS - 1);
            assertThat(reader.read()).as("not listed again yet").containsOnlyKeys("wl-sa");
            clock.addAndGet(1);
            assertThat(reader.read()).containsOnlyKeys("veth-new", "wl-sa");
        }
    }

    @Test
    void anUnreadableCounterIsMinusOneAndTheDevicesAreListedAgain() throws Exception {
        AtomicLong clock = new AtomicLong();
        device("wl-sa", 1, 0, 1, 0);
        try (KernelCounters.Reader reader = new KernelCounters.Reader(root, clock::get)) {
            reader.read();
            Files.writeString(root.resolve("wl-sa/statistics/tx_dropped"), "not a number\n");

            assertThat(reader.read().get("wl-sa").txDropped()).isEqualTo(-1);

            Files.writeString(root.resolve("wl-sa/statistics/tx_dropped"), "9\n");
            device("veth-new", 3, 0, 4, 0);
            assertThat(reader.read()).as("listed again at once after a failed read, not 10 s later")
                    .containsOnlyKeys("veth-new", "wl-sa").containsEntry("wl-sa", new KernelCounters.Device(1, 0, 1, 9));
        }
    }

    @Test
    void withoutAFolderThereIsNothingToRead() {
        try (KernelCounters.Reader reader = new KernelCounters.Reader(root.resolve("none"))) {
            assertThat(reader.read()).isEmpty();
        }
        assertThat(KernelCounters.read(root.resolve("none"))).isEmpty();
    }
}
