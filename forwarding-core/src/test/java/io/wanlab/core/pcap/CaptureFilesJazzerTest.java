package io.wanlab.core.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of {@link CaptureFiles#open} and the whole read (Jazzer): any file ends
 * in a clean end or an {@link IOException} (CaptureFormatException, PcapngFormatException), never
 * another exception, a loop or a huge allocation. The input is written to one scratch file, in
 * /dev/shm where there is one. Without JAZZER_FUZZ=1 this replays the corpus in
 * {@code CaptureFilesJazzerTestInputs/read}.
 */
class CaptureFilesJazzerTest {
    private static final Path SCRATCH = scratch();

    @FuzzTest
    void read(byte[] data) throws IOException {
        Files.write(SCRATCH, data);
        try (CaptureSource source = CaptureFiles.open(SCRATCH)) {
            long packets = 0;
            while (source.next() != null) {
                packets++;
                assertThat(packets).as("more packets than bytes: a loop").isLessThan(data.length);
            }
            assertThat(source.stats().bytesRead()).isLessThanOrEqualTo(data.length);
        } catch (IOException expected) {
            // the documented outcome for a damaged capture
        }
    }

    @AfterAll
    static void removeScratch() throws IOException {
        Files.deleteIfExists(SCRATCH);
    }

    private static Path scratch() {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("wanlab-jazzer-" + ProcessHandle.current().pid() + ".cap");
    }
}
