package io.wanlab.bench.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.cli.VerifyCommand;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.core.json.Json;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code wanlab verify} live on lab files of two shapes (three sites on subnets of their own with
 * a hazard; two clean sites), and on a "fix" that fixes nothing, which must fail. Root only; CI
 * runs it. Its own lab name, so it never meets another test's lab or a user's.
 */
@Tag("live")
class VerifyLiveTest {
    static final String LAB = "tverify";

    @TempDir
    Path dir;

    @BeforeEach
    void requireLiveLab() {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up here: run './wanlab down --name " + LAB + "'");
    }

    @AfterEach
    void nothingLeftBehind() {
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " left").isEmpty();
        assertThat(LabNames.runFolder(LAB)).as("nor its folder of state and status sockets").doesNotExist();
    }

    private int verify(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--name", LAB, "--out", dir.resolve("run").toString()));
        return new CommandLine(new VerifyCommand()).execute(all.toArray(String[]::new));
    }

    private JsonNode report() throws Exception {
        return Json.strict().readTree(Files.readString(dir.resolve("run/report.json")));
    }

    @Test
    void aThreeSiteLabReproducesItsPredictedResetAndTheLintsFixRemovesIt() throws Exception {
        int exit = verify(VerifyPlanTest.BRANCH.toString());

        JsonNode report = report();
        assertThat(exit).as(report.toString()).isZero();
        assertThat(report.get("verdict").stringValue()).isEqualTo("pass");
        List<JsonNode> runs = new ArrayList<>();
        report.get("scenarios").forEach(runs::add);
        assertThat(runs).extracting(r -> r.get("phase").stringValue()).contains("before", "after");
        assertThat(runs).filteredOn(r -> r.get("expected").stringValue().equals("reset")).hasSize(2) // one probe, two clients
                .allSatisfy(r -> {
                    assertThat(r.get("phase").stringValue()).isEqualTo("before");
                    assertThat(r.get("observed").stringValue()).startsWith("reset-during-handshake");
                    assertThat(r.get("rules").stringValue()).contains("#1 \"ERP over Cato\"", "#2 \"HQ to DC over Internet\"");
                    assertThat(r.get("path").stringValue()).contains("sock-hq > off-cloud > sock-dc");
                });
        assertThat(runs).filteredOn(r -> r.get("phase").stringValue().equals("after"))
                .allSatisfy(r -> assertThat(r.get("observed").stringValue()).startsWith("ok"));
        assertThat(Files.readString(dir.resolve("run/junit.xml"))).contains("repro.probe-1.before", "repro.probe-1.after");
        assertThat(dir.resolve("run/fixed-lab.yaml")).exists();
    }

    @Test
    void aCleanLabVerifiesWithNoResetAndNoAfterPhase() throws Exception {
        int exit = verify(VerifyPlanTest.CLEAN.toString(), "--client", "curl");

        JsonNode report = report();
        assertThat(exit).as(report.toString()).isZero();
        report.get("scenarios").forEach(r -> {
            assertThat(r.get("phase").stringValue()).isEqualTo("before");
            assertThat(r.get("observed").stringValue()).startsWith("ok");
        });
    }

    @Test
    void aFixThatFixesNothingFails() throws Exception {
        int exit = verify(VerifyPlanTest.BRANCH.toString(), "--fix", VerifyPlanTest.BRANCH.toString(), "--client", "curl");

        assertThat(exit).isEqualTo(1);
        JsonNode report = report();
        assertThat(report.get("verdict").stringValue()).isEqualTo("fail");
        // Each run did what was predicted (the reset reproduces after too); the verdict fails on the fix.
        report.get("scenarios").forEach(r -> assertThat(r.get("pass").booleanValue()).isTrue());
    }
}
