package io.wanlab.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Large rulebases: the index must keep the candidates few, and agree with the plain walk. */
class RuleEngineScaleTest {

    @ParameterizedTest(name = "{index}: {0} rules")
    @ValueSource(ints = {10, 1_000, 10_000})
    void matchAtTheEndIsFoundWithoutScanningTheRulebase(int count) {
        LabFile lab = SyntheticRulebase.withMatchLast(TestLabs.lab(true, java.util.List.of()), count);
        RuleEngine engine = RuleEngine.compile(lab);

        Decision d = engine.evaluateFirst(RuleEngineTest.CLIENT, RuleEngineTest.SERVER, 6, 40000, 443);

        assertThat(d.ruleIndex()).isEqualTo(count - 1);
        assertThat(((Decision.Decided) d).transport()).isEqualTo(Transport.OFF_CLOUD);
        assertThat(d.ruleIndex()).isEqualTo(RuleEngineModelTest.reference(lab, RuleEngineTest.CLIENT, RuleEngineTest.SERVER, 6, 443,
                false, null, null));
        assertThat(engine.candidateCount(RuleEngineTest.CLIENT, RuleEngineTest.SERVER, 443))
                .as("the index narrows %d rules to a handful of candidates", count)
                .isLessThanOrEqualTo(2);
    }
}
