package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
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
    /** Its own lab name, so a user's lab or another test's is never in the way. */
    static final String LAB = "tmatrix";
    static LabLauncher.RunningLab lab;
    static ReproRunner runner;

    @BeforeAll
    static void up() throws Exception {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up here: run './wanlab down --name " + LAB + "'");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (apt-get install curl)");
        dir = Files.createTempDirectory("wanlab-matrix-");
        runner = new ReproRunner(System.out, dir, "all", Scenario.seed(), LAB);
        lab = new LabLauncher(LAB, System.out).up(new LabLauncher.Options(Scenario.seed().getFirst().spec(), dir, true,
                Duration.ofSeconds(40)));
    }

    @AfterAll
    static void down() {
        if (lab == null) {
            return;
        }
        new LabCleaner(new NamespaceBackend(LAB)).clean();
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " left").isEmpty();
        assertThat(io.wanlab.core.topo.LabNames.runFolder(LAB)).as("nor its folder").doesNotExist();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : Scenario.seed()) {
            for (ReproClient c : ReproClient.named("all", LAB)) {
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
