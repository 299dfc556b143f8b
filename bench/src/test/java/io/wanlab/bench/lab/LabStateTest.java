package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabStateTest {
    @TempDir
    Path dir;

    private static LabState sample() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", 100L);
        pids.put("socket-a", 101L);
        pids.put("pop", 102L);
        return new LabState(Path.of("/tmp/runs/2025 \"q\"\\x"), Path.of("labs/default.yaml"), pids,
                Instant.parse("2025-03-04T05:06:07.123Z"));
    }

    @Test
    void writesReadableJsonAndReadsItBack() throws IOException {
        Path file = dir.resolve("sub/lab.json");
        sample().write(file);
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "version": 1,
                  "runFolder": "/tmp/runs/2025 \\"q\\"\\\\x",
                  "labFile": "labs/default.yaml",
                  "startedAt": "2025-03-04T05:06:07.123Z",
                  "backend": "namespaces",
                  "pids": {
                    "up": 100,
                    "socket-a": 101,
                    "pop": 102
                  }
                }
                """);
        LabState back = LabState.read(file).orElseThrow();
        assertThat(back).isEqualTo(sample());
        assertThat(back.pids().keySet()).as("order kept").containsExactly("up", "socket-a", "pop");
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void noFileIsNoState() throws IOException {
        assertThat(LabState.read(dir.resolve("absent.json"))).isEmpty();
    }

    @Test
    void emptyPidsAndWithPid() {
        LabState s = new LabState(Path.of("r"), Path.of("l"), Map.of(), Instant.EPOCH);
        assertThat(LabState.fromJson(s.toJson())).isEqualTo(s);
        assertThat(s.toJson()).as("the layout the hand-written writer had").endsWith("  \"pids\": {}\n}\n");
        assertThat(s.withPid("pop", 7).pids()).containsEntry("pop", 7L);
        assertThatThrownBy(() -> s.withPid("pop", 0)).hasMessage("pid of pop: 0 (expected: 1 or more)");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                       | lab state: empty (expected: an object with version, runFolder, labFile, startedAt and pids)",
            "[]                                       | lab state: not a JSON object",
            "{\"version\": 2}                         | lab state: version 2 (expected: 1)",
            "{\"version\": 1.0}                       | lab state: version 1.0 (expected: 1)",
            "{\"version\": 1}                         | lab state: pids null (expected: an object of name to pid)",
            "{\"version\": 1, \"pids\": {\"a\": \"x\"}} | lab state: pid of a: x (expected: an integer)",
            "{\"version\": 1, \"pids\": {\"a\": 7.0}}   | lab state: pid of a: 7.0 (expected: an integer)",
            "{\"version\": 1, \"pids\": {\"a\": 12345678901234567890}} | lab state: pid of a: 12345678901234567890 (expected: an integer)",
            "{\"version\": 1, \"pids\": {\"a\": -3}, \"startedAt\": \"2025-01-01T00:00:00Z\", \"runFolder\": \"r\", \"labFile\": \"l\"} | pid of a: -3 (expected: 1 or more)",
            "{\"version\": 1, \"pids\": {}, \"startedAt\": \"yesterday\"} | lab state: startedAt 'yesterday' (expected: an ISO-8601 instant",
            "{\"version\": 1, \"pids\": {}, \"startedAt\": \"2025-01-01T00:00:00Z\"} | lab state: runFolder null (expected: a non-empty string)",
            "{\"version\": 1, \"version\": 1}         | lab state: line 1, column 25: Duplicate Object property \"version\"",
            "{\"version\": 1, \"pids\": {\"a\": 1, \"a\": 2}} | Duplicate Object property \"a\"",
            "{\"version\": 1,}                        | lab state: line 1, column 15: Unexpected character ('}'",
            "{\"version\" 1}                          | lab state: line 1, column 12: Unexpected character ('1'",
            "{\"a\": \"unterminated                   | expecting closing quote",
            "{\"a\": \"bad \\q escape\"}               | Unrecognized character escape 'q'",
            "{\"a\": \"\\u12\"}                        | expected a hex-digit",
            "{\"a\": tru}                             | Unrecognized token 'tru'",
            "{} {}                                    | Trailing token",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | Document nesting depth (33) exceeds the maximum allowed (32"})
    void malformedStateIsRefusedWithAReason(String json, String why) {
        assertThatThrownBy(() -> LabState.fromJson(json.strip()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void unicodeEscapesAndControlCharactersRoundTrip() {
        LabState s = new LabState(Path.of("run\tfolder\u0001é"), Path.of("l"), Map.of(), Instant.EPOCH);
        assertThat(s.toJson()).contains("run\\tfolder\\u0001é");
        assertThat(LabState.fromJson(s.toJson())).isEqualTo(s);
        assertThat(LabState.fromJson(s.toJson().replace("\\u0001", "\\u0001").replace("é", "\\u00e9"))).isEqualTo(s);
    }

    @Test
    void aHugeFileIsRefusedNotRead() throws IOException {
        Path file = dir.resolve("lab.json");
        Files.writeString(file, " ".repeat(70_000));
        assertThatThrownBy(() -> LabState.read(file))
                .hasMessage(file + ": larger than 65536 bytes (expected: a lab state file)");
    }

    @Test
    void readNamesTheFileOnErrors() throws IOException {
        Path file = dir.resolve("lab.json");
        Files.writeString(file, "{");
        assertThatThrownBy(() -> LabState.read(file)).hasMessageStartingWith(file + ": lab state: line 1, column 2: Unexpected end-of-input");
    }
}
