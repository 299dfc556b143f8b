package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LinuxProcessTable;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario matrix (rule order x TLS inspection x transport x application) x (built-in
 * client, curl) on one live lab, each judged by its client and its evidence. Root only; CI runs it.
 */
@Tag("live")
class ReproMatrixLiveTest {
    static Path dir;
    static Path stateFile;
    static LabLauncher.RunningLab lab;
    static ReproRunner runner;

    @BeforeAll
    static void up() throws Exception {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend().list().isEmpty(), "a lab is already up here (wanlab- namespaces exist): run './wanlab down'");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (apt-get install curl)");
        dir = Files.createTempDirectory("wanlab-matrix-");
        stateFile = dir.resolve("lab.json");
        runner = new ReproRunner(System.out, dir, "all", Scenario.seed(), stateFile);
        lab = new LabLauncher(stateFile, System.out).up(new LabLauncher.Options(Scenario.seed().getFirst().spec(), dir, true,
                Duration.ofSeconds(40)));
    }

    @AfterAll
    static void down() {
        if (lab == null) {
            return;
        }
        new LabCleaner(new NamespaceBackend(), new LinuxProcessTable(), stateFile, NamespaceBackend.DEFAULT_GRACE).clean();
        assertThat(new NamespaceBackend().list()).as("no wanlab- namespace left").isEmpty();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : Scenario.seed()) {
            for (ReproClient c : ReproClient.named("all")) {
                out.add(Arguments.of(s.name() + " / " + c.name(), s, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("matrix")
    void scenarioBehavesAsTheSeedSays(String name, Scenario scenario, ReproClient client) throws Exception {
        ScenarioResult r = runner.runOne(lab, scenario, client);

        assertThat(r.pass()).as("%s: expected %s, observed %s%n%s", name, r.expected(), r.observed(),
                String.join("\n", r.evidence())).isTrue();
        assertThat(r.ladder()).as("the ladder shows the flow").isNotEmpty();
    }
}
