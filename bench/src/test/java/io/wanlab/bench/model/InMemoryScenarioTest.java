package io.wanlab.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.Transport;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InMemoryScenarioTest {
    static Stream<InMemoryScenario> scenarios() {
        return InMemoryScenario.seed().stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("scenarios")
    void socketADecidesAsTheSeedDescribes(InMemoryScenario s) {
        InMemoryScenario.Observation o = s.run();

        assertThat(o.syn()).as("SYN path").isEqualTo(s.expectSyn());
        assertThat(o.hello()).as("ClientHello path").isEqualTo(s.expectHello());
        assertThat(o.switched()).as("switch seen").isEqualTo(s.expectSyn() != s.expectHello());
        assertThat(o.pass()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void anObservationThatDiffersFails() {
        InMemoryScenario s = InMemoryScenario.seed().getFirst();
        InMemoryScenario.Observation wrong = new InMemoryScenario.Observation(s, Transport.OFF_CLOUD, Transport.OFF_CLOUD, false, "");

        assertThat(wrong.pass()).isFalse();
    }
}
