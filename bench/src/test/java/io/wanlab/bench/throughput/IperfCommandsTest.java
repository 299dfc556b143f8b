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
        assertThat(commands).isEqualTo(new IperfCommands("wanlab", "client", "server", "198.18.2.10", 5201, commands.udpLength()));
        assertThat(commands.server(15)).containsExactly("ip", "netns", "exec", "wanlab-server",
                "iperf3", "-s", "-1", "-B", "198.18.2.10", "-p", "5201", "--idle-timeout", "15");
        assertThat(commands.client(5, 2)).containsExactly("ip", "netns", "exec", "wanlab-client",
                "iperf3", "-c", "198.18.2.10", "-p", "5201", "-t", "5", "-P", "2", "-J");
        assertThat(commands.listeners()).containsExactly("ip", "netns", "exec", "wanlab-server", "ss", "-ltn");
    }

    @Test
    void reverseAddsDashRAndUdpSendsDatagramsTheSocketsTunCarries() {
        int tunMtu = BaselineRoutesTest.FIXED.tunOf("socket-a").orElseThrow().mtu();
        assertThat(commands.udpLength()).as("TUN MTU less IPv4 and UDP headers").isEqualTo(tunMtu - 28);
        assertThat(commands.client(5, 1, new IperfCommands.Mode(true, null))).endsWith("-J", "-R");
        assertThat(commands.client(5, 1, new IperfCommands.Mode(false, "200M")))
                .endsWith("-J", "-u", "-b", "200M", "-l", Integer.toString(tunMtu - 28));
        assertThat(commands.client(5, 1, new IperfCommands.Mode(true, "1.5G"))).endsWith("-u", "-b", "1.5G", "-l",
                Integer.toString(tunMtu - 28), "-R");
        assertThat(new IperfCommands.Mode(true, "10M").label()).isEqualTo("UDP 10M server > client");
        assertThat(IperfCommands.Mode.TCP.label()).isEqualTo("TCP client > server");
    }

    @ParameterizedTest(name = "{index}: --udp {0}")
    @ValueSource(strings = {"", "fast", "-5M", "10T", "1e9", "0", "0.0M", "10 M"})
    void aUdpRateIsANumberAboveZeroWithAnOptionalUnit(String rate) {
        assertThatThrownBy(() -> new IperfCommands.Mode(false, rate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--udp: '" + rate + "' (expected: ");
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
