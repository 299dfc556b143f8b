package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.LabState;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.core.topo.LabNames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wanlab repro} as a user runs it, interrupted: Ctrl-C, or a node killed mid-run. Either
 * way the lab is removed and a report says what failed. Root only; CI runs it.
 */
@Tag("live")
class ReproInterruptLiveTest {
    /** Its own lab name: repro runs with --name, so a user's lab or another test's is never in the way. */
    static final String LAB = "tintr";

    @TempDir
    Path dir;

    @BeforeEach
    void requireLiveLab() {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up here: run './wanlab down --name " + LAB + "'");
    }

    @AfterEach
    void nothingLeftBehind() throws Exception {
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " left").isEmpty();
        assertThat(LabNames.runFolder(LAB)).as("nor its folder of state and status sockets").doesNotExist();
        List<Long> nodes = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("io.wanlab.bench.Wanlab node ") && cmd.contains(" --lab " + LAB + " ")) {
                nodes.add(p.pid());
            }
        });
        assertThat(nodes).as("no node process left").isEmpty();
    }

    private Process startRepro(String... more) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.wanlab.bench.Wanlab", "repro", "--name", LAB, "--out", dir.resolve("run").toString(), "--client", "curl")
                .redirectErrorStream(true).start();
    }

    /** Reads the process's output until a line contains {@code marker}; returns everything read. */
    private static String readUntil(Process p, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return seen.toString();
            }
        }
        throw new AssertionError("no '" + marker + "' in the output:\n" + seen);
    }

    @Test
    void ctrlCRemovesTheLabAndLeavesAReport() throws Exception {
        Process repro = startRepro();
        readUntil(repro, "running 7 scenarios");

        new ProcessBuilder("kill", "-INT", Long.toString(repro.pid())).start().waitFor();

        assertThat(repro.waitFor(30, TimeUnit.SECONDS)).as("repro exits after Ctrl-C").isTrue();
        String report = Files.readString(dir.resolve("run/report.json"));
        assertThat(report).contains("\"verdict\":\"fail\"");
        assertThat(Files.exists(LabNames.stateFile(LAB))).as("the state file is removed").isFalse();
    }

    @Test
    void aNodeDyingMidRunFailsTheRunWithTheReasonAndCleansUp() throws Exception {
        Process repro = startRepro();
        readUntil(repro, "running 7 scenarios");
        long socketB = LabState.read(LabNames.stateFile(LAB)).orElseThrow().pids().get("socket-b");

        new ProcessBuilder("kill", "-KILL", Long.toString(socketB)).start().waitFor();

        String rest = new String(repro.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(repro.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(repro.exitValue()).as(rest).isEqualTo(1);
        assertThat(rest).contains("verdict: FAIL");
        assertThat(Files.readString(dir.resolve("run/report.json"))).contains("\"verdict\":\"fail\"");
    }

    @Test
    void ctrlCWhileTheRunRemovesTheLabWaitsForTheRemovalToFinish() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process repro = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.wanlab.bench.Wanlab", "repro", "--name", LAB, "--out", dir.resolve("run").toString(), "--client", "curl",
                "--scenario", "fix-reorder-off-cloud").redirectErrorStream(true).start();
        // The row is printed right before the run starts removing the lab (stopping nodes takes a while).
        readUntil(repro, "evidence:");

        new ProcessBuilder("kill", "-INT", Long.toString(repro.pid())).start().waitFor();

        assertThat(repro.waitFor(60, TimeUnit.SECONDS)).as("repro exits after Ctrl-C").isTrue();
        // @AfterEach checks what matters: no namespace, folder or node process of the lab is left,
        // although the signal arrived while the run's own clean-up was under way.
    }
}
