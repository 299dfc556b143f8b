package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.TcpPackets.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged captures end in a clean end or an {@link IOException}, never another exception, an
 * endless loop or a huge allocation: cut at every offset, bytes flipped, lengths inflated.
 */
class CaptureFuzzTest {
    private static final int ROUNDS_PER_SEED = 5_000;

    @TempDir
    Path dir;

    @Test
    void cutAtEveryOffsetEndsCleanlyOrNamesTheHeader() throws IOException {
        for (byte[] seed : seeds()) {
            for (int length = 0; length < seed.length; length++) {
                byte[] cut = java.util.Arrays.copyOf(seed, length);
                Outcome outcome = read(cut);
                if (outcome.error() == null) {
                    assertThat(outcome.stats().bytesRead()).as("cut at %d", length).isEqualTo(length);
                } else {
                    assertThat(outcome.error()).as("cut at %d: only headers may fail", length)
                            .isInstanceOf(CaptureFormatException.class);
                }
            }
        }
    }

    @Test
    void flippedBytesAndInflatedLengthsNeverEscape() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            SplittableRandom random = new SplittableRandom(12);
            int rounds = 0;
            for (byte[] seed : seeds()) {
                for (int round = 0; round < ROUNDS_PER_SEED; round++, rounds++) {
                    byte[] mutated = seed.clone();
                    int flips = 1 + random.nextInt(4);
                    for (int i = 0; i < flips; i++) {
                        mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    if (random.nextBoolean()) {
                        // A length-sized field made huge or negative, aligned where lengths live.
                        int at = random.nextInt(mutated.length / 4) * 4;
                        ByteBuffer.wrap(mutated).putInt(at, random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(64)
                                : random.nextInt(1 << 24));
                    }
                    Outcome outcome = read(mutated);
                    if (outcome.error() == null) {
                        assertThat(outcome.stats().bytesRead()).isLessThanOrEqualTo(mutated.length);
                    }
                }
            }
            assertThat(rounds).isGreaterThanOrEqualTo(30_000);
        });
    }

    private record Outcome(CaptureStats stats, IOException error) {
    }

    /** Reads everything; any exception other than an IOException fails the test with the input. */
    private Outcome read(byte[] bytes) {
        Path file = scratch();
        try {
            Files.write(file, bytes);
            try (CaptureSource source = CaptureFiles.open(file)) {
                long returned = 0;
                while (source.next() != null) {
                    returned++;
                    assertThat(returned).as("more packets than bytes: a loop").isLessThan(bytes.length);
                }
                return new Outcome(source.stats(), null);
            }
        } catch (IOException e) {
            return new Outcome(null, e);
        } catch (RuntimeException | Error e) {
            return fail("input " + java.util.HexFormat.of().formatHex(bytes) + " escaped with " + e, e);
        }
    }

    /** In memory where Linux offers it: the disk's open and write cost more than the read itself. */
    private Path scratch() {
        Path shm = Path.of("/dev/shm");
        return Files.isWritable(shm) ? shm.resolve("wanlab-fuzz-" + ProcessHandle.current().pid() + ".cap")
                : dir.resolve("fuzz.cap");
    }

    @org.junit.jupiter.api.AfterEach
    void removeScratch() throws IOException {
        Files.deleteIfExists(scratch());
    }

    /** Small valid captures of each format and byte order. */
    private static List<byte[]> seeds() throws IOException {
        byte[] syn = TcpPackets.tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN, new byte[] {1, 2, 3});
        List<byte[]> seeds = new ArrayList<>();
        for (String fixture : List.of("sll.pcap", "sll2.pcap", "lo-nano.pcap")) {
            byte[] whole = Files.readAllBytes(CaptureFilesTest.fixture(fixture));
            seeds.add(java.util.Arrays.copyOf(whole, Math.min(whole.length, 400)));
        }
        seeds.add(new RawPcap(ByteOrder.BIG_ENDIAN, true, LinkLayer.ETHERNET)
                .record(1, 2, RawPcap.ethernet(0x0800, syn, 0x88A8, 0x8100)).record(1, 3, RawPcap.arp()).bytes());
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            seeds.add(new RawPcapng(order).sectionHeader().interfaceBlock("lan", new byte[0])
                    .packet(0, 7, syn, "a comment").block(3, RawPcapng.concat(
                            ByteBuffer.allocate(4).order(order).putInt(syn.length).array(), RawPcapng.padded(syn)))
                    .block(0x77, new byte[8]).sectionHeader().interfaceBlock("wan", new byte[0])
                    .packet(0, 9, syn, null).bytes());
        }
        return seeds;
    }
}
