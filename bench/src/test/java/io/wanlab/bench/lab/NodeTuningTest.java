package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.TopologyPlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTuningTest {
    private static final LabTopology SEED = TopologyPlanner.plan("hf", new LabSpec("fixed", null, null).load());

    private static List<String> args(String node, NodeTuning tuning) {
        Node n = SEED.findNode(node).orElseThrow();
        LabLauncher.Options o = new LabLauncher.Options(new LabSpec("fixed", null, null), Path.of("/tmp/r"), false, Duration.ofSeconds(1))
                .withTuning(tuning);
        return LabLauncher.nodeArgs("hf", n, SEED, o, Path.of("/tmp/r"));
    }

    @Test
    void socketsGetTheFlowBoundAndEveryNodeTheLeakDetection() {
        NodeTuning t = NodeTuning.NONE.withFlowCapacity(4096).withLeakDetection(ResourceLeakDetector.Level.PARANOID);
        assertThat(String.join(" ", args("socket-a", t))).contains("--flow-capacity 4096", "--leak-detection PARANOID");
        assertThat(String.join(" ", args("pop", t))).contains("--leak-detection PARANOID").doesNotContain("--flow-capacity");
        assertThat(String.join(" ", args("server", t))).startsWith("node server").contains("--leak-detection PARANOID")
                .doesNotContain("--flow-capacity");
        assertThat(args("socket-a", NodeTuning.NONE)).doesNotContain("--flow-capacity", "--leak-detection");
    }

    @Test
    void aNodeCommandLineWithTheTuningParses() {
        NodeTuning t = NodeTuning.NONE.withFlowCapacity(4096).withLeakDetection(ResourceLeakDetector.Level.PARANOID);
        for (String node : List.of("socket-a", "pop", "server")) {
            picocli.CommandLine.ParseResult r = io.wanlab.bench.Wanlab.commandLine().parseArgs(args(node, t).toArray(String[]::new));
            assertThat(r.subcommand().subcommand().hasMatchedOption("--leak-detection")).as(node).isTrue();
        }
    }

    @Test
    void aFlowBoundOutOfRangeIsRefused() {
        assertThatThrownBy(() -> NodeTuning.NONE.withFlowCapacity(-1)).hasMessageContaining("flow capacity: -1");
        assertThatThrownBy(() -> NodeTuning.NONE.withFlowCapacity(1 << 24)).hasMessageContaining("expected: 1..");
    }
}
