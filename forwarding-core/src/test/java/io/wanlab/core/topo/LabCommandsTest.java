package io.wanlab.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabCommandsTest {
    private final LabTopology topo = TopologyPlanner.plan(LabNames.DEFAULT_LAB, TopoLabs.defaultLab());

    /** The contract: what {@code wanlab up} runs for the default lab, in order. */
    private static final List<String> DEFAULT_SETUP = List.of(
            "ip netns add wanlab-client",
            "ip -n wanlab-client link set lo up",
            "ip netns exec wanlab-client sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
            "ip netns exec wanlab-client sysctl -qw net.ipv6.conf.default.disable_ipv6=1",
            "ip netns add wanlab-socket-a",
            "ip -n wanlab-socket-a link set lo up",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv4.ip_forward=1",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv4.conf.all.rp_filter=0",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv4.conf.default.rp_filter=0",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv6.conf.default.disable_ipv6=1",
            "ip netns add wanlab-server",
            "ip -n wanlab-server link set lo up",
            "ip netns exec wanlab-server sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
            "ip netns exec wanlab-server sysctl -qw net.ipv6.conf.default.disable_ipv6=1",
            "ip netns add wanlab-socket-b",
            "ip -n wanlab-socket-b link set lo up",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv4.ip_forward=1",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv4.conf.all.rp_filter=0",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv4.conf.default.rp_filter=0",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv6.conf.default.disable_ipv6=1",
            "ip netns add wanlab-pop",
            "ip -n wanlab-pop link set lo up",
            "ip netns exec wanlab-pop sysctl -qw net.ipv4.ip_forward=1",
            "ip netns exec wanlab-pop sysctl -qw net.ipv4.conf.all.rp_filter=0",
            "ip netns exec wanlab-pop sysctl -qw net.ipv4.conf.default.rp_filter=0",
            "ip netns exec wanlab-pop sysctl -qw net.ipv6.conf.all.disable_ipv6=1",
            "ip netns exec wanlab-pop sysctl -qw net.ipv6.conf.default.disable_ipv6=1",
            "ip -n wanlab-client link add eth0 type veth peer name lan0 netns wanlab-socket-a",
            "ip -n wanlab-client addr add 198.18.1.10/24 dev eth0",
            "ip -n wanlab-socket-a addr add 198.18.1.1/24 dev lan0",
            "ip -n wanlab-client link set eth0 up",
            "ip -n wanlab-socket-a link set lan0 up",
            "ip -n wanlab-server link add eth0 type veth peer name lan0 netns wanlab-socket-b",
            "ip -n wanlab-server addr add 198.18.2.10/24 dev eth0",
            "ip -n wanlab-socket-b addr add 198.18.2.1/24 dev lan0",
            "ip -n wanlab-server link set eth0 up",
            "ip -n wanlab-socket-b link set lan0 up",
            "ip -n wanlab-socket-a link add l-cato-a type veth peer name l-cato-a netns wanlab-pop",
            "ip -n wanlab-socket-a addr add 198.19.1.1/30 dev l-cato-a",
            "ip -n wanlab-pop addr add 198.19.1.2/30 dev l-cato-a",
            "ip -n wanlab-socket-a link set l-cato-a up",
            "ip -n wanlab-pop link set l-cato-a up",
            "ip -n wanlab-socket-b link add l-cato-b type veth peer name l-cato-b netns wanlab-pop",
            "ip -n wanlab-socket-b addr add 198.19.2.1/30 dev l-cato-b",
            "ip -n wanlab-pop addr add 198.19.2.2/30 dev l-cato-b",
            "ip -n wanlab-socket-b link set l-cato-b up",
            "ip -n wanlab-pop link set l-cato-b up",
            "ip -n wanlab-socket-a link add l-off-cloud type veth peer name l-off-cloud netns wanlab-socket-b",
            "ip -n wanlab-socket-a addr add 198.19.3.1/30 dev l-off-cloud",
            "ip -n wanlab-socket-b addr add 198.19.3.2/30 dev l-off-cloud",
            "ip -n wanlab-socket-a link set l-off-cloud up",
            "ip -n wanlab-socket-b link set l-off-cloud up",
            "ip -n wanlab-socket-a link add l-alt-wan type veth peer name l-alt-wan netns wanlab-socket-b",
            "ip -n wanlab-socket-a addr add 198.19.4.1/30 dev l-alt-wan",
            "ip -n wanlab-socket-b addr add 198.19.4.2/30 dev l-alt-wan",
            "ip -n wanlab-socket-a link set l-alt-wan up",
            "ip -n wanlab-socket-b link set l-alt-wan up",
            "ip -n wanlab-socket-a tuntap add dev wl-lan mode tun",
            "ip -n wanlab-socket-a link set wl-lan mtu 1400",
            "ip -n wanlab-socket-a link set wl-lan up",
            "ip netns exec wanlab-socket-a sysctl -qw net.ipv4.conf.wl-lan.rp_filter=0",
            "ip -n wanlab-socket-b tuntap add dev wl-lan mode tun",
            "ip -n wanlab-socket-b link set wl-lan mtu 1400",
            "ip -n wanlab-socket-b link set wl-lan up",
            "ip netns exec wanlab-socket-b sysctl -qw net.ipv4.conf.wl-lan.rp_filter=0",
            "ip -n wanlab-pop tuntap add dev wl-pop mode tun",
            "ip -n wanlab-pop link set wl-pop mtu 1400",
            "ip -n wanlab-pop link set wl-pop up",
            "ip netns exec wanlab-pop sysctl -qw net.ipv4.conf.wl-pop.rp_filter=0",
            "ip -n wanlab-client route add default via 198.18.1.1 dev eth0",
            "ip -n wanlab-server route add default via 198.18.2.1 dev eth0",
            "ip -n wanlab-socket-a route add 198.18.2.0/24 dev wl-lan",
            "ip -n wanlab-socket-b route add 198.18.1.0/24 dev wl-lan",
            "ip -n wanlab-pop route add 198.18.1.0/24 dev wl-pop",
            "ip -n wanlab-pop route add 198.18.2.0/24 dev wl-pop",
            "ip -n wanlab-pop rule add iif wl-pop lookup 100",
            "ip -n wanlab-pop route add local default dev lo table 100");

    @Test
    void defaultLabSetupIsExactlyTheContract() {
        List<List<String>> setup = LabCommands.setup(topo);
        assertThat(setup).flatExtracting(argv -> argv).as("tokens hold no whitespace, so joining is faithful")
                .noneMatch(t -> t.isEmpty() || t.chars().anyMatch(Character::isWhitespace));
        assertThat(joined(setup)).containsExactlyElementsOf(DEFAULT_SETUP);
    }

    @Test
    void teardownDeletesEveryLabNamespaceInReverseOrder() {
        assertThat(joined(LabCommands.teardown(topo))).containsExactly(
                "ip netns del wanlab-pop",
                "ip netns del wanlab-socket-b",
                "ip netns del wanlab-server",
                "ip netns del wanlab-socket-a",
                "ip netns del wanlab-client");
    }

    @Test
    void everyNamespaceNamedAnywhereCarriesThePrefix() {
        List<List<String>> all = new ArrayList<>(LabCommands.setup(topo));
        all.addAll(LabCommands.teardown(topo));
        for (List<String> argv : all) {
            List<String> named = namespacesNamedBy(argv);
            assertThat(named).as("%s names a namespace", argv).isNotEmpty();
            assertThat(named).as("%s names only lab namespaces", argv).allMatch(ns -> ns.startsWith("wanlab-"));
        }
    }

    @Test
    void everyAddressIsInTheBenchmarkingRange() {
        for (List<String> argv : LabCommands.setup(topo)) {
            for (String token : argv) {
                if (token.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")) {
                    assertThat(token).as("%s stays in 198.18.0.0/15", argv).matches("198\\.1[89]\\..*");
                }
            }
        }
    }

    @Test
    void execWrapsACommandInTheNodeNamespace() {
        assertThat(LabCommands.exec("wanlab", "client", List.of("ping", "-c1", "198.18.1.1")))
                .containsExactly("ip", "netns", "exec", "wanlab-client", "ping", "-c1", "198.18.1.1");
        assertThatThrownBy(() -> LabCommands.exec("wanlab", "client", List.of()))
                .hasMessage("command: empty (expected: a program and its arguments)");
        assertThatThrownBy(() -> LabCommands.exec("wanlab", "../etc", List.of("sh"))).hasMessageContaining("node name: '../etc'");
    }

    @Test
    void cleanUpCommandsRefuseForeignNamespaces() {
        assertThat(LabCommands.deleteNamespace("wanlab", "wanlab-pop")).containsExactly("ip", "netns", "del", "wanlab-pop");
        assertThat(LabCommands.namespacePids("wanlab", "wanlab-pop")).containsExactly("ip", "netns", "pids", "wanlab-pop");
        assertThatThrownBy(() -> LabCommands.deleteNamespace("wanlab", "cni-1234")).hasMessageContaining("namespace 'cni-1234'");
        assertThatThrownBy(() -> LabCommands.namespacePids("wanlab", "wanlab-")).hasMessageContaining("namespace 'wanlab-'");
        assertThatThrownBy(() -> LabCommands.deleteNamespace("wanlab", "lab2-pop")).as("another lab's namespace")
                .hasMessageContaining("namespace 'lab2-pop' (expected: a namespace of lab 'wanlab'");
        assertThatThrownBy(() -> LabCommands.deleteNamespace("lab2", "wanlab-pop")).as("the default lab's, from lab2")
                .hasMessageContaining("namespace 'wanlab-pop'");
    }

    @Test
    void aNamedLabCarriesItsNameInEveryNamespaceAndNothingElseChanges() {
        LabTopology named = TopologyPlanner.plan("lab2", TopoLabs.defaultLab());
        List<String> expected = DEFAULT_SETUP.stream().map(line -> line.replace("wanlab-", "lab2-")).toList();
        assertThat(joined(LabCommands.setup(named))).containsExactlyElementsOf(expected);
        assertThat(joined(LabCommands.teardown(named))).first().isEqualTo("ip netns del lab2-pop");
        assertThat(LabCommands.exec("lab2", "client", List.of("true"))).containsExactly("ip", "netns", "exec", "lab2-client", "true");
    }

    private static List<String> joined(List<List<String>> argvs) {
        return argvs.stream().map(argv -> String.join(" ", argv)).toList();
    }

    /** Independent of CommandGuard: every token after -n, after "netns VERB" and after a bare "netns". */
    private static List<String> namespacesNamedBy(List<String> argv) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size() - 1; i++) {
            String t = argv.get(i);
            if (t.equals("-n")) {
                out.add(argv.get(i + 1));
            } else if (t.equals("netns")) {
                String next = argv.get(i + 1);
                boolean verb = List.of("add", "del", "exec", "pids").contains(next);
                out.add(verb ? argv.get(i + 2) : next);
                if (next.equals("exec")) {
                    break;
                }
            }
        }
        return out;
    }
}
