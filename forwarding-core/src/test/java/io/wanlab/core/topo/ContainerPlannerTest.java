package io.wanlab.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPlannerTest {
    private final LabTopology topo = TopologyPlanner.plan("cb1", TopoLabs.defaultLab());

    @Test
    void networksCarryTheLabsSubnetsAndAGatewayTheLabDoesNotUse() {
        List<ContainerNetwork> nets = ContainerPlanner.networks(topo);
        assertThat(nets).extracting(n -> n.name() + " " + n.subnet() + " gw " + n.gatewayText()).containsExactly(
                "cb1-lan-socket-a 198.18.1.0/24 gw 198.18.1.254",
                "cb1-lan-socket-b 198.18.2.0/24 gw 198.18.2.254",
                "cb1-l-cato-a 198.19.1.0/29 gw 198.19.1.6",
                "cb1-l-cato-b 198.19.2.0/29 gw 198.19.2.6",
                "cb1-l-off-cloud 198.19.3.0/29 gw 198.19.3.6",
                "cb1-l-alt-wan 198.19.4.0/29 gw 198.19.4.6");
    }

    @Test
    void theClientFindsItsInterfaceByAddressAndTakesTheLabsDefaultRoute() {
        assertThat(ContainerPlanner.initLines(topo, "client")).containsExactly(
                "set -e",
                "set -- $(ip -o -4 addr show to 198.18.1.10/32)",
                "[ -n \"$2\" ] || { echo \"no interface has 198.18.1.10 (network cb1-lan-socket-a)\" >&2; exit 1; }",
                "ip link set dev \"$2\" down",
                "[ \"$2\" = eth0 ] || ip link set dev \"$2\" name eth0",
                "ip addr flush dev eth0",
                "ip addr add 198.18.1.10/24 dev eth0",
                "ip link set dev eth0 up",
                "ip route add default via 198.18.1.1 dev eth0");
    }

    @Test
    void thePopGetsItsTunAndLocalDelivery() {
        assertThat(ContainerPlanner.initLines(topo, "pop")).contains("ip tuntap add dev wl-pop mode tun",
                "ip addr add 198.19.1.2/30 dev l-cato-a", "ip rule add iif wl-pop lookup 100",
                "ip route add local default dev lo table 100");
    }

    @Test
    void createNamesLabelsAndJoinsTheFirstNetworkWithTheLabsAddress() {
        List<String> argv = DockerCommands.createContainer(topo, "socket-a", "wanlab:latest",
                List.of(new DockerCommands.Mount(Path.of("/tmp/run"), false)), List.of("wanlab", "node", "socket"));
        assertThat(String.join(" ", argv)).startsWith("docker create --name cb1-socket-a --hostname socket-a"
                + " --label io.wanlab.lab=cb1 --label io.wanlab.node=socket-a --cap-add NET_ADMIN --device /dev/net/tun"
                + " --sysctl net.ipv4.ip_forward=1 --sysctl net.ipv4.conf.all.rp_filter=0")
                .contains("--network cb1-lan-socket-a --ip 198.18.1.1 -v /tmp/run:/tmp/run --entrypoint sh wanlab:latest -c")
                .endsWith("exec wanlab node socket");
        assertThat(DockerCommands.connect(topo, "socket-a")).extracting(a -> String.join(" ", a)).containsExactly(
                "docker network connect --ip 198.19.1.1 cb1-l-cato-a cb1-socket-a",
                "docker network connect --ip 198.19.3.1 cb1-l-off-cloud cb1-socket-a",
                "docker network connect --ip 198.19.4.1 cb1-l-alt-wan cb1-socket-a");
    }

    @Test
    void theGuardRefusesAnotherLabsNames() {
        assertThatThrownBy(() -> DockerCommands.removeContainers("cb1", List.of("cb1-client", "cb2-client")))
                .hasMessageContaining("'cb2-client' is not a name of lab 'cb1'");
        assertThatThrownBy(() -> DockerCommands.check("cb1", List.of("docker", "ps", "-a")))
                .hasMessageContaining("label io.wanlab.lab=cb1");
        assertThatThrownBy(() -> DockerCommands.check("cb1", List.of("docker", "system", "prune")))
                .hasMessageContaining("docker system");
        assertThat(DockerCommands.exec("cb1", "client", List.of("curl", "-k", "https://x/"), true))
                .containsExactly("docker", "exec", "-i", "cb1-client", "curl", "-k", "https://x/");
    }

    @Test
    void extraLabelsGoOnContainersAndNetworksBesideTheLabsOwn() {
        List<String> labels = DockerCommands.extraLabels(" io.wanlab.test=1, team=net-ops ");
        assertThat(labels).containsExactly("io.wanlab.test=1", "team=net-ops");
        assertThat(String.join(" ", DockerCommands.createNetwork("cb1", ContainerPlanner.networks(topo).getFirst(), labels)))
                .contains("--label io.wanlab.lab=cb1 --label io.wanlab.test=1 --label team=net-ops cb1-lan-socket-a");
        assertThat(String.join(" ", DockerCommands.createContainer(topo, "client", "wanlab:latest", List.of(), List.of(), labels)))
                .contains("--label io.wanlab.node=client --cap-add NET_ADMIN --device /dev/net/tun --label io.wanlab.test=1"
                        + " --label team=net-ops");
        assertThat(DockerCommands.extraLabels(null)).as("unset: no extra label").isEmpty();
        assertThat(DockerCommands.extraLabels(" ")).isEmpty();
    }

    @Test
    void anExtraLabelMustBeKeyEqualsValueAndNotTheLabsOwn() {
        assertThatThrownBy(() -> DockerCommands.extraLabels("io.wanlab.test"))
                .hasMessage("WANLAB_EXTRA_LABEL: 'io.wanlab.test' (expected: key=value, key of a-z 0-9 . -, value of"
                        + " A-Z a-z 0-9 . _ -, several separated by commas)");
        assertThatThrownBy(() -> DockerCommands.extraLabels("io.wanlab.lab=other"))
                .hasMessageContaining("a label other than io.wanlab.lab and io.wanlab.node");
    }

    @Test
    void argumentsAreQuotedForSh() {
        assertThat(ContainerPlanner.shellQuote("/tmp/run dir")).isEqualTo("'/tmp/run dir'");
        assertThat(ContainerPlanner.shellQuote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ContainerPlanner.shellQuote("--rules")).isEqualTo("--rules");
    }
}
