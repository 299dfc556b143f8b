package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.topo.CommandGuard;
import io.wanlab.core.topo.LabCommands;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRoutesTest {
    static final LabTopology FIXED = TopologyPlanner.plan("wanlab", LabPresets.load("fixed"));

    @Test
    void fixedPresetSwapsEachSocketsTunRouteForTheOffCloudPeer() {
        BaselineRoutes routes = BaselineRoutes.plan(FIXED);

        assertThat(routes.toKernel()).as("off-cloud is link 3: socket-a has 198.19.3.1, socket-b 198.19.3.2").containsExactly(
                List.of("ip", "-n", "wanlab-socket-a", "route", "replace", "198.18.2.0/24", "via", "198.19.3.2"),
                List.of("ip", "-n", "wanlab-socket-b", "route", "replace", "198.18.1.0/24", "via", "198.19.3.1"));
        assertThat(routes.toTun()).containsExactly(
                List.of("ip", "-n", "wanlab-socket-a", "route", "replace", "198.18.2.0/24", "dev", "wl-lan"),
                List.of("ip", "-n", "wanlab-socket-b", "route", "replace", "198.18.1.0/24", "dev", "wl-lan"));
    }

    @Test
    void everyCommandPassesTheGuard() {
        BaselineRoutes routes = BaselineRoutes.plan(FIXED);

        for (List<String> argv : routes.toKernel()) {
            assertThat(CommandGuard.check("wanlab", argv)).isEqualTo(argv);
        }
        for (List<String> argv : routes.toTun()) {
            assertThat(CommandGuard.check("wanlab", argv)).isEqualTo(argv);
        }
    }

    @Test
    void restoringPutsBackExactlyTheRoutesThatSetupMade() {
        List<String> setupRoutes = LabCommands.setup(FIXED).stream()
                .filter(c -> c.contains("route") && c.contains("wl-lan"))
                .map(c -> String.join(" ", c).replace(" route add ", " route replace "))
                .toList();

        assertThat(BaselineRoutes.plan(FIXED).toTun().stream().map(c -> String.join(" ", c)).toList())
                .as("the TUN routes as LabCommands.setup adds them")
                .containsExactlyElementsOf(setupRoutes);
    }

    @Test
    void aLabWithoutAnOffCloudLinkIsRefusedByName() {
        LabTopology noOffCloud = new LabTopology(FIXED.instance(), FIXED.lab(), FIXED.nodes(), FIXED.sites(),
                FIXED.links().stream().filter(l -> l.kind() != LinkKind.OFF_CLOUD).toList(), FIXED.tuns(), FIXED.routes());

        assertThatThrownBy(() -> BaselineRoutes.plan(noOffCloud))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lab 'seed-fixed': no off-cloud link between socket-a and socket-b"
                        + " (expected: one, the baseline runs over its underlay veth)");
    }

    @Test
    void aLabWhoseSocketsRouteNothingIntoTheirTunsIsRefused() {
        LabTopology noRoutes = new LabTopology(FIXED.instance(), FIXED.lab(), FIXED.nodes(), FIXED.sites(), FIXED.links(), FIXED.tuns(),
                FIXED.routes().stream().filter(r -> !r.device().equals("wl-lan")).toList());

        assertThatThrownBy(() -> BaselineRoutes.plan(noRoutes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no socket routes a remote subnet into its TUN");
    }
}
