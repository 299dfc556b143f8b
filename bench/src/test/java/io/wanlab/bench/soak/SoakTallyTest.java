package io.wanlab.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.repro.Scenario;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SoakTallyTest {
    private static Scenario seed(String name) {
        return Scenario.seed().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static SoakConnections.Made made(String scenario, Outcome outcome, String phase, String endPhase) {
        return new SoakConnections.Made(phase, endPhase, seed(scenario), 1000, 1200, outcome, "detail");
    }

    @Test
    void aFailureIsPredictedExplainedByAReloadOrFlapOrUnexplained() {
        SoakTally t = new SoakTally();
        t.add(made("fix-reorder-off-cloud", Outcome.OK, "fixed", "fixed"), null);
        t.add(made("bug-off-cloud", Outcome.RESET_DURING_HANDSHAKE, "bug", "bug"), null);
        t.add(made("inspection-ca-untrusted", Outcome.TLS_ERROR, "bug", "bug"), null);
        t.add(made("fix-reorder-off-cloud", Outcome.TIMEOUT, "fixed", "fixed"), "flap");
        t.add(made("fix-reorder-off-cloud", Outcome.RESET_DURING_HANDSHAKE, "fixed", "bug"), null);
        t.add(made("fix-reorder-off-cloud", Outcome.TIMEOUT, "fixed", "fixed"), null);
        t.add(made("bug-off-cloud", Outcome.OK, "bug", "bug"), null);

        assertThat(t.connections).isEqualTo(7);
        assertThat(t.made).isEqualTo(1);
        assertThat(t.predicted).as("the seed's reset and the untrusted CA, as predicted").isEqualTo(2);
        assertThat(t.explained).as("during a flap; across a reload").isEqualTo(2);
        assertThat(t.unexplained).as("a timeout with nothing going on; a reset that did not happen").isEqualTo(2);
        assertThat(t.failed()).isEqualTo(6);
        assertThat(t.unexplainedDetails).hasSize(2).anySatisfy(d -> assertThat(d).contains("fix-reorder-off-cloud", "timeout", "expected ok"));
        assertThat(t.byPath.get("direct-on-syn")).containsExactly(4, 1);
        assertThat(t.byPath.get("switch-after-proxy")).containsExactly(2, 1);
        assertThat(t.line()).contains("connections 7: made 1, failed 6 (as predicted 2, during reload/flap 2, UNEXPLAINED 2)");
    }

    @Test
    void thePhasesCarryEveryPathOfTheSeedLabAndStartWithTheFixedRulebase() {
        List<SoakPhase> phases = SoakPhase.seed();
        assertThat(phases.getFirst().spec().rules()).isEqualTo("fixed");
        Set<Scenario.PathKind> kinds = EnumSet.noneOf(Scenario.PathKind.class);
        Set<String> names = new HashSet<>();
        phases.forEach(p -> p.probes().forEach(s -> {
            kinds.add(s.path());
            assertThat(s.spec()).as("a probe runs in its own phase's configuration").isEqualTo(p.spec());
            names.add(p.name());
        }));
        assertThat(kinds).containsExactlyInAnyOrder(Scenario.PathKind.values());
        assertThat(names).hasSize(phases.size());
    }
}
