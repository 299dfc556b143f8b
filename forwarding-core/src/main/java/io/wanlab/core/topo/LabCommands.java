package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure functions from a topology to ip(8) argument lists, in the order they must run. Every list
 * passes {@link CommandGuard}: only namespaces of the lab at hand ({@code <lab>-<node>}), only
 * 198.18.0.0/15 addresses.
 */
public final class LabCommands {
    private LabCommands() {
    }

    /**
     * Namespaces with loopback up and their sysctls first (so devices created later inherit
     * IPv6 off and rp_filter 0), then LAN veths, underlay veths, TUNs, and routes last.
     */
    /** The policy-routing table that delivers the PoP's TUN traffic locally. */
    public static final String PROXY_TABLE = "100";

    public static List<List<String>> setup(LabTopology topology) {
        requireNonNull(topology, "topology");
        String lab = topology.instance();
        List<List<String>> out = new ArrayList<>();
        for (Node node : topology.nodes()) {
            String ns = node.namespace();
            add(out, lab, "ip", "netns", "add", ns);
            add(out, lab, "ip", "-n", ns, "link", "set", "lo", "up");
            for (Sysctl s : node.sysctls()) {
                add(out, lab, sysctl(ns, s));
            }
        }
        for (SitePlan site : topology.sites()) {
            veth(out, topology, site.lan());
        }
        for (LinkPlan link : topology.links()) {
            veth(out, topology, link.veth());
        }
        for (TunPlan tun : topology.tuns()) {
            String ns = topology.namespaceOf(tun.node());
            add(out, lab, "ip", "-n", ns, "tuntap", "add", "dev", tun.device(), "mode", "tun");
            add(out, lab, "ip", "-n", ns, "link", "set", tun.device(), "mtu", Integer.toString(tun.mtu()));
            add(out, lab, "ip", "-n", ns, "link", "set", tun.device(), "up");
            for (Sysctl s : tun.sysctls()) {
                add(out, lab, sysctl(ns, s));
            }
        }
        for (RoutePlan r : topology.routes()) {
            String ns = topology.namespaceOf(r.node());
            if (r.hasGateway()) {
                add(out, lab, "ip", "-n", ns, "route", "add", r.destinationText(), "via", Ipv4.format(r.gateway()),
                        "dev", r.device());
            } else {
                add(out, lab, "ip", "-n", ns, "route", "add", r.destinationText(), "dev", r.device());
            }
        }
        // Packets the PoP writes to its TUN are delivered to its own kernel, to any address, so
        // the transparent proxy can answer a SYN as the server (DESIGN 4.2).
        if (topology.findNode(LabNames.POP).isPresent()) {
            String ns = topology.namespaceOf(LabNames.POP);
            add(out, lab, "ip", "-n", ns, "rule", "add", "iif", LabNames.POP_TUN, "lookup", PROXY_TABLE);
            add(out, lab, "ip", "-n", ns, "route", "add", "local", "default", "dev", "lo", "table", PROXY_TABLE);
        }
        return List.copyOf(out);
    }

    /** One {@code ip netns del} per lab namespace, in reverse node order; deleting a namespace removes its devices. */
    public static List<List<String>> teardown(LabTopology topology) {
        requireNonNull(topology, "topology");
        List<List<String>> out = new ArrayList<>();
        for (Node node : topology.nodes().reversed()) {
            out.add(deleteNamespace(topology.instance(), node.namespace()));
        }
        return List.copyOf(out);
    }

    /** {@code ip netns exec <lab>-<node> CMD...}: runs a command inside a node of a lab. The command itself is not checked. */
    public static List<String> exec(String lab, String node, List<String> command) {
        requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: empty (expected: a program and its arguments)");
        }
        List<String> argv = new ArrayList<>(command.size() + 4);
        argv.addAll(List.of("ip", "netns", "exec", LabNames.namespace(lab, node)));
        argv.addAll(command);
        return List.copyOf(CommandGuard.requireLabNamespaces(lab, argv));
    }

    public static List<String> listNamespaces() {
        return List.of("ip", "netns", "list");
    }

    /** {@code ip netns pids NS}: the processes whose network namespace is that namespace of the lab. */
    public static List<String> namespacePids(String lab, String namespace) {
        return CommandGuard.check(lab, List.of("ip", "netns", "pids", namespace));
    }

    /** {@code ip netns del NS}, for a namespace of that lab only. */
    public static List<String> deleteNamespace(String lab, String namespace) {
        return CommandGuard.check(lab, List.of("ip", "netns", "del", namespace));
    }

    private static void veth(List<List<String>> out, LabTopology topology, VethPair pair) {
        String lab = topology.instance();
        String nsA = topology.namespaceOf(pair.first().node());
        String nsB = topology.namespaceOf(pair.second().node());
        add(out, lab, "ip", "-n", nsA, "link", "add", pair.first().device(), "type", "veth",
                "peer", "name", pair.second().device(), "netns", nsB);
        add(out, lab, "ip", "-n", nsA, "addr", "add", pair.first().address().toString(), "dev", pair.first().device());
        add(out, lab, "ip", "-n", nsB, "addr", "add", pair.second().address().toString(), "dev", pair.second().device());
        add(out, lab, "ip", "-n", nsA, "link", "set", pair.first().device(), "up");
        add(out, lab, "ip", "-n", nsB, "link", "set", pair.second().device(), "up");
    }

    private static List<String> sysctl(String ns, Sysctl s) {
        return List.of("ip", "netns", "exec", ns, "sysctl", "-qw", s.toString());
    }

    private static void add(List<List<String>> out, String lab, String... argv) {
        add(out, lab, List.of(argv));
    }

    private static void add(List<List<String>> out, String lab, List<String> argv) {
        out.add(CommandGuard.check(lab, List.copyOf(argv)));
    }
}
