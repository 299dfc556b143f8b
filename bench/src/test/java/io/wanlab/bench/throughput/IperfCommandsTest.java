package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.topo.LabTopology;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IperfCommandsTest {
    private final IperfCommands commands = IperfCommands.forLab(BaselineRoutesTest.FIXED);

    @Test
    void fixedPresetRunsTheClientInClientAndTheServerOnItsLanAddress() {
        assertThat(commands).isEqualTo(new IperfCommands("wanlab", "client", "server", "198.18.2.10", 5201));
        assertThat(commands.server(15)).containsExactly("ip", "netns", "exec", "wanlab-server",
                "iperf3", "-s", "-1", "-B", "198.18.2.10", "-p", "5201", "--idle-timeout", "15");
        assertThat(commands.client(5, 2)).containsExactly("ip", "netns", "exec", "wanlab-client",
                "iperf3", "-c", "198.18.2.10", "-p", "5201", "-t", "5", "-P", "2", "-J");
        assertThat(commands.listeners()).containsExactly("ip", "netns", "exec", "wanlab-server", "ss", "-ltn");
    }

    @Test
    void listeningNeedsExactlyTheBoundAddressAndPort() {
        String ss = """
                State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
                LISTEN 0      4096     198.18.2.10:52010      0.0.0.0:*
                LISTEN 0      4096     198.18.2.1:5201        0.0.0.0:*
                ESTAB  0      0        198.18.2.10:5201   198.18.1.10:40112
                """;
        assertThat(commands.listening(ss)).as("a longer port, another address and an established socket do not count").isFalse();
        assertThat(commands.listening(ss + "LISTEN 0      5        198.18.2.10:5201       0.0.0.0:*\n")).isTrue();
        assertThat(commands.listening("")).isFalse();
    }

    @ParameterizedTest(name = "{index}: --seconds {0}")
    @ValueSource(ints = {0, -1, 61})
    void secondsOutOfRangeAreRefused(int seconds) {
        assertThatThrownBy(() -> commands.client(seconds, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--seconds: " + seconds + " (expected: 1..60)");
    }

    @ParameterizedTest(name = "{index}: --parallel {0}")
    @ValueSource(ints = {0, 17, 128})
    void parallelOutOfRangeIsRefused(int parallel) {
        assertThatThrownBy(() -> commands.client(5, parallel))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--parallel: " + parallel + " (expected: 1..16)");
    }

    @ParameterizedTest(name = "{index}: {0} {1} {2}")
    @CsvSource({
        "client, server, 10.0.0.1, inside 198.18.0.0/15",
        "client, server, 192.168.1.10, inside 198.18.0.0/15",
        "'bad name', server, 198.18.2.10, node name",
    })
    void onlyLabNodesAndLabAddresses(String client, String server, String address, String message) {
        assertThatThrownBy(() -> new IperfCommands("wanlab", client, server, address, 5201))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aLabWithOneSiteHasNoServer() {
        LabTopology one = new LabTopology("wanlab", "one", BaselineRoutesTest.FIXED.nodes(),
                List.of(BaselineRoutesTest.FIXED.sites().getFirst()), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> IperfCommands.forLab(one)).hasMessage("lab 'one': 1 site(s) (expected: at least two, a client's and a server's)");
    }
}
