package io.wanlab.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandGuardTest {
    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {
            "ip netns add wanlab-client",
            "ip netns del wanlab-pop",
            "ip netns pids wanlab-pop",
            "ip netns list",
            "ip netns exec wanlab-client sysctl -qw net.ipv4.ip_forward=1",
            "ip -n wanlab-client link add eth0 type veth peer name lan0 netns wanlab-socket-a",
            "ip -n wanlab-client route add default via 198.18.1.1 dev eth0",
            "ip -n wanlab-pop addr add 198.19.250.2/30 dev l-x"})
    void accepts(String command) {
        List<String> argv = argv(command);
        assertThat(CommandGuard.check("wanlab", argv)).isSameAs(argv);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
            "ip netns add other                          | namespace 'other'",
            "ip netns del lab2-pop                       | namespace 'lab2-pop' (expected: a namespace of lab 'wanlab'",
            "ip netns del wanlab2-pop                    | namespace 'wanlab2-pop'",
            "ip -n wanlab-a link add x type veth peer name y netns lab2-b | namespace 'lab2-b'",
            "ip netns del wanlab-                        | namespace 'wanlab-'",
            "ip netns del wanlab-../x                    | namespace 'wanlab-../x'",
            "ip netns exec cni-1 sh                      | namespace 'cni-1'",
            "ip netns exec wanlab-client                 | a command after ip netns exec",
            "ip netns del wanlab-a wanlab-b              | nothing after ip netns del",
            "ip netns set wanlab-a 1                     | netns verb 'set'",
            "ip -all netns del                           | option -all",
            "ip -netns other link                        | option -netns",
            "ip link del eth0                            | ip -n <lab namespace>",
            "ip -n default link del eth0                 | namespace 'default'",
            "ip -n wanlab-a link add x type veth peer name y netns host | namespace 'host'",
            "ip -n wanlab-a link add x type veth peer name y netns      | expected: a namespace name",
            "ip -n wanlab-a netns add wanlab-b           | ip netns without -n",
            "ip -n                                       | expected: a namespace name",
            "ip -n wanlab-a                              | an ip object",
            "sh -c reboot                                | an ip command",
            "ip -n wanlab-a addr add 10.0.0.1/24 dev x   | address 10.0.0.1/24",
            "ip -n wanlab-a route add 198.20.0.0/16 dev x | address 198.20.0.0/16",
            "ip -n wanlab-a route add 198.18.0.0/14 dev x | address 198.18.0.0/14",
            "ip -n wanlab-a route add default via 8.8.8.8 | address 8.8.8.8",
            "ip -n wanlab-a addr add 198.18.1.300/24 dev x | is not valid"})
    void refuses(String command, String why) {
        assertThatThrownBy(() -> CommandGuard.check("wanlab", argv(command)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("command refused: " + command.strip())
                .hasMessageContaining(why);
    }

    @org.junit.jupiter.api.Test
    void aNamedLabMayNameOnlyItsOwnNamespaces() {
        assertThat(CommandGuard.check("lab2", argv("ip -n lab2-client link set lo up"))).hasSize(7);
        assertThatThrownBy(() -> CommandGuard.check("lab2", argv("ip netns del wanlab-client")))
                .hasMessageContaining("namespace 'wanlab-client' (expected: a namespace of lab 'lab2', named lab2-<node>)");
        assertThatThrownBy(() -> CommandGuard.check("Lab-2", argv("ip netns list"))).hasMessageStartingWith("lab name: 'Lab-2'");
    }

    private static List<String> argv(String command) {
        return Arrays.asList(command.strip().split(" +"));
    }
}
