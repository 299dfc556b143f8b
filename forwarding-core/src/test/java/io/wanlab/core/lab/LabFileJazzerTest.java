package io.wanlab.core.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of {@link LabFileLoader#parse} (Jazzer): any text yields a lab file or
 * a {@link LabFileException}, never another exception; size, depth and aliases are limited, so
 * an input past {@code ./wanlab fuzz}'s per-input timeout is a finding too. Without JAZZER_FUZZ=1
 * this replays the corpus in {@code LabFileJazzerTestInputs/parse}.
 */
class LabFileJazzerTest {
    private static final LabFileLoader LOADER = new LabFileLoader();

    @FuzzTest
    void parse(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        try {
            assertThat(LOADER.parse("fuzz.yaml", yaml)).isNotNull();
        } catch (LabFileException e) {
            assertThat(e.getMessage()).as("a problem names the file").contains("fuzz.yaml");
        }
    }
}
