package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.Preflight;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputPreflightTest {
    @Test
    void nothingToSayOnAReadyHost() {
        assertThat(ThroughputPreflight.problems("wanlab", List.of(), true, List.of())).isEmpty();
    }

    @Test
    void eachProblemSaysTheFix() {
        assertThat(ThroughputPreflight.problems("wanlab", List.of(Preflight.NOT_ROOT, Preflight.NO_TUN), false,
                List.of("wanlab-client", "wanlab-pop"))).containsExactly(
                "wanlab bench throughput needs root (network namespaces, veth, TUN): run it with sudo",
                Preflight.NO_TUN,
                "iperf3 is not on the PATH: install iperf3: apt-get install iperf3",
                "lab 'wanlab' is already up (wanlab-client, wanlab-pop): this command builds its own;"
                        + " run './wanlab down' first, or give it another --name");
    }

    @Test
    void onPathFindsAShellAndNotANonsenseName() {
        assertThat(io.wanlab.bench.lab.Preflight.onPath("sh")).isTrue();
        assertThat(io.wanlab.bench.lab.Preflight.onPath("no-such-program-wanlab")).isFalse();
    }
}
