package io.wanlab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lint.FindingKind;
import io.wanlab.core.lint.LabLint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CheckCommand command = new CheckCommand();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bugPresetHasTheResetHazard() {
        assertThat(run("bug")).isEqualTo(1);
        assertThat(out()).contains("#1   complex")
                .contains("Reset during handshake: #1 \"CRM over Cato\" (complex: application crm) sits above"
                        + " #2 \"Site A to Site B over Off-Cloud\"")
                .contains("Fix: move #2 \"Site A to Site B over Off-Cloud\" just above #1 \"CRM over Cato\"");
    }

    @Test
    void fixedPresetHasNoResetButItsCrmRuleNeverMatches() {
        assertThat(run("fixed")).isEqualTo(1);
        assertThat(out()).doesNotContain("Reset during handshake")
                .contains("Rule never matches: #2 \"CRM over Cato\" never decides a flow: #1 \"Site A to Site B over Off-Cloud\"");
    }

    @Test
    void cleanLabExitsZero(@TempDir Path dir) throws Exception {
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, io.wanlab.core.lab.LabPresets.text("bug").replace("tlsInspection: true", "tlsInspection: false"));
        assertThat(run(off.toString())).isEqualTo(0);
        assertThat(out()).contains("no findings");
    }

    @Test
    void brokenFileAndBadPortsExitTwoWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: broken\naccount: {tlsInspection: yes}\n");
        assertThat(run(broken.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.yaml:2:").doesNotContain("Exception");
        assertThat(run("bug", "--proxied-ports", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("proxied port: 0 (expected: 1..65535)");
        assertThat(run(dir.resolve("missing.yaml").toString())).isEqualTo(2);
    }

    @Test
    void proxiedPortsChangeThePrediction() {
        assertThat(run("bug", "--proxied-ports", "8443")).isEqualTo(1);
        assertThat(out()).contains("on port 8443, which the PoP proxies").contains("TCP on 1-8442, 8444-65535 (not proxied");
    }

    @Test
    void jsonShape() {
        assertThat(run("bug", "--json")).isEqualTo(1);
        JsonNode doc = JsonMapper.builder().build().readTree(out());
        assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
        assertThat(doc.get("proxiedPorts").get(0).asInt()).isEqualTo(443);
        assertThat(doc.get("rules")).hasSize(2);
        JsonNode finding = doc.get("findings").get(0);
        assertThat(finding.get("kind").asString()).isEqualTo("RESET_HAZARD");
        assertThat(finding.get("rules").get(1).get("position").asInt()).isEqualTo(2);
        assertThat(finding.get("rules").get(1).get("name").asString()).isEqualTo("Site A to Site B over Off-Cloud");
        assertThat(finding.get("traffic").get("sources").get(0).asString()).isEqualTo("site site-a");
        assertThat(finding.get("fix").asString()).startsWith("move #2");
    }

    @Test
    void writeFixOfAPresetReloadsWithoutHazard(@TempDir Path dir) throws Exception {
        Path fixed = dir.resolve("fixed.yaml");
        assertThat(run("bug-alt-wan", "--write-fix", fixed.toString())).as("the checked lab still has the finding").isEqualTo(1);
        assertThat(out()).contains("wrote " + fixed + ":").contains("#2 \"Site A to Site B over Alt-WAN\" moved just above #1");
        String text = Files.readString(fixed);
        assertThat(text).contains("# Preset \"bug-alt-wan\"");
        assertThat(LabLint.lint(new LabFileLoader().load(fixed)).ofKind(FindingKind.RESET_HAZARD)).isEmpty();
        out.reset();
        assertThat(run(fixed.toString())).as("only the shadowed CRM rule is left").isEqualTo(1);
        assertThat(out()).doesNotContain("Reset during handshake");
    }
}
