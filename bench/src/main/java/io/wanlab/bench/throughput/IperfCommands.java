package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.CommandGuard;
import io.wanlab.core.topo.LabCommands;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.SitePlan;
import java.util.List;

/**
 * The iperf3 commands of one measurement, as argument lists run inside namespaces of lab {@code lab}: a one-off
 * server bound to the server host's LAN address, the client, and the listening-socket query that
 * tells when the server is ready. Every list passes {@link CommandGuard}.
 */
public record IperfCommands(String lab, String clientNode, String serverNode, String serverAddress, int port, int udpLength) {
    public static final int DEFAULT_PORT = 5201;
    public static final int MAX_SECONDS = 60;
    /** iperf3's own limit on parallel streams is 128; fewer keep its -J report well under the captured 1 MiB. */
    public static final int MAX_PARALLEL = 16;
    /** The largest UDP payload an unfragmented IPv4 packet on a 1500-byte MTU carries. */
    public static final int MAX_UDP_LENGTH = 1472;

    public IperfCommands {
        LabNames.namespace(requireNonNull(lab, "lab"), requireNonNull(clientNode, "clientNode"));
        LabNames.namespace(lab, requireNonNull(serverNode, "serverNode"));
        CommandGuard.requireLabAddresses(List.of(requireNonNull(serverAddress, "serverAddress")));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (udpLength < 1 || udpLength > MAX_UDP_LENGTH) {
            throw new IllegalArgumentException("udpLength: " + udpLength + " (expected: 1.." + MAX_UDP_LENGTH + ")");
        }
    }

    /** UDP datagrams of the size a 1500-byte MTU carries unfragmented. */
    public IperfCommands(String lab, String clientNode, String serverNode, String serverAddress, int port) {
        this(lab, clientNode, serverNode, serverAddress, port, MAX_UDP_LENGTH);
    }

    /** Client on the first site's host, server on the second's ({@code client} and {@code server} in the presets). */
    public static IperfCommands forLab(LabTopology topology) {
        requireNonNull(topology, "topology");
        if (topology.sites().size() < 2) {
            throw new IllegalArgumentException("lab '" + topology.lab() + "': " + topology.sites().size()
                    + " site(s) (expected: at least two, a client's and a server's)");
        }
        SitePlan client = topology.sites().get(0);
        SitePlan server = topology.sites().get(1);
        // iperf3 sizes UDP datagrams from the control connection's MSS; past the Sockets' TUN MTU the kernel refuses them
        // (EMSGSIZE, DF set): sized to the smallest TUN of the lab instead, less the IPv4 and UDP headers.
        int mtu = topology.sites().stream().map(s -> topology.tunOf(s.socket())).flatMap(java.util.Optional::stream)
                .mapToInt(io.wanlab.core.topo.TunPlan::mtu).min().orElse(1500);
        return new IperfCommands(topology.instance(), client.host(), server.host(), server.hostAddress().ipText(), DEFAULT_PORT,
                Math.min(MAX_UDP_LENGTH, mtu - 28));
    }

    /**
     * {@code iperf3 -s -1}: serves one test, then exits. The idle timeout makes a server that no
     * client ever reaches exit on its own too (it does not cut a running test).
     */
    public List<String> server(int idleTimeoutSeconds) {
        if (idleTimeoutSeconds < 1) {
            throw new IllegalArgumentException("idleTimeoutSeconds: " + idleTimeoutSeconds + " (expected: 1 or more)");
        }
        return guarded(lab, serverNode, List.of("iperf3", "-s", "-1", "-B", serverAddress, "-p", Integer.toString(port),
                "--idle-timeout", Integer.toString(idleTimeoutSeconds)));
    }

    /**
     * What a run sends and which way: TCP or UDP at {@code udpRate} (iperf3's {@code -b}: bits per second per stream,
     * with an optional K, M or G), client to server or, {@code reverse}, server to client ({@code -R}).
     */
    public record Mode(boolean reverse, String udpRate) {
        public static final Mode TCP = new Mode(false, null);
        private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,3})?[KMG]?");

        public Mode {
            if (udpRate != null && !RATE.matcher(udpRate).matches()) {
                throw new IllegalArgumentException("--udp: '" + udpRate + "' (expected: bits per second per stream, a number with"
                        + " an optional K, M or G, e.g. 100M)");
            }
            if (udpRate != null && udpRate.matches("0+(\\.0+)?[KMG]?")) {
                throw new IllegalArgumentException("--udp: '" + udpRate + "' (expected: above 0; iperf3 takes 0 as unlimited)");
            }
        }

        public boolean udp() {
            return udpRate != null;
        }

        /** For people: {@code TCP client > server}, {@code UDP 100M server > client}. */
        public String label() {
            return (udp() ? "UDP " + udpRate : "TCP") + (reverse ? " server > client" : " client > server");
        }
    }

    public List<String> client(int seconds, int parallel) {
        return client(seconds, parallel, Mode.TCP);
    }

    public List<String> client(int seconds, int parallel, Mode mode) {
        requireSeconds(seconds);
        requireParallel(parallel);
        List<String> argv = new java.util.ArrayList<>(List.of("iperf3", "-c", serverAddress, "-p", Integer.toString(port),
                "-t", Integer.toString(seconds), "-P", Integer.toString(parallel), "-J"));
        if (mode.udp()) {
            argv.addAll(List.of("-u", "-b", mode.udpRate(), "-l", Integer.toString(udpLength)));
        }
        if (mode.reverse()) {
            argv.add("-R");
        }
        return guarded(lab, clientNode, argv);
    }

    /** {@code ss -ltn} in the server's namespace: its listening TCP sockets. */
    public List<String> listeners() {
        return guarded(lab, serverNode, List.of("ss", "-ltn"));
    }

    /** True when {@code ss -ltn} output lists a socket listening on exactly serverAddress:port. */
    public boolean listening(String ssOutput) {
        requireNonNull(ssOutput, "ssOutput");
        String wanted = serverAddress + ":" + port;
        for (String line : ssOutput.lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            // Columns: State Recv-Q Send-Q Local-Address:Port Peer-Address:Port [Process]
            if (fields.length >= 4 && fields[0].equals("LISTEN") && fields[3].equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    public static void requireSeconds(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("--seconds: " + seconds + " (expected: 1.." + MAX_SECONDS + ")");
        }
    }

    public static void requireParallel(int parallel) {
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new IllegalArgumentException("--parallel: " + parallel + " (expected: 1.." + MAX_PARALLEL + ")");
        }
    }

    private static List<String> guarded(String lab, String node, List<String> command) {
        return CommandGuard.check(lab, LabCommands.exec(lab, node, command));
    }
}
