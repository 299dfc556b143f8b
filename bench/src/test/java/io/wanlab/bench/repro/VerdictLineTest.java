package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict names what ran: a partial run claims nothing about scenarios it did not run. */
class VerdictLineTest {
    private static ScenarioResult ran(String name, String expected) {
        return new ScenarioResult(name, "curl", expected, expected, true, "", List.of(), 1, List.of());
    }

    @Test
    void theComplexRulesOwnApplicationAloneClaimsNoResetAndNoFix() {
        String line = ReproRunner.seedLine(List.of(ran("app-on-cloud", "ok")));

        assertThat(line).isEqualTo("app-on-cloud as expected").doesNotContain("reset").doesNotContain("fix");
    }

    @Test
    void theWholeSeedNamesTheResetsAndBothFixes() {
        List<ScenarioResult> all = Scenario.seed().stream().map(s -> ran(s.name(), s.expect().label())).toList();

        assertThat(ReproRunner.seedLine(all)).isEqualTo("the seed's reset reproduces (bug-off-cloud, bug-alt-wan); both fixes hold "
                + "(fix-reorder-off-cloud, fix-reorder-alt-wan, fix-tls-inspection-off); app-on-cloud, inspection-ca-untrusted as expected");
    }

    @Test
    void oneFixAloneIsNotBothFixes() {
        assertThat(ReproRunner.seedLine(List.of(ran("fix-reorder-alt-wan", "ok")))).isEqualTo("the fix holds (fix-reorder-alt-wan)");
    }
}
