package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab as containers, as data: one Docker network per site LAN and per link, and for each node
 * the shell lines that give its container the lab's own interfaces (DESIGN 8). Docker names
 * interfaces {@code eth0, eth1, ...} in an order it chooses and adds its own default route; the
 * lines find each interface by the address Docker gave it (the lab's), rename it to the lab's
 * device name, put the lab's exact prefix on it, then add the TUNs and routes the namespace
 * backend adds ({@link LabCommands}). Taking the interface down drops Docker's default route, so a
 * container's only default route is the lab's. The same lines serve {@code --backend docker} and
 * the Compose export.
 */
public final class ContainerPlanner {
    /** A /30 link subnet has no address left for Docker's gateway: its network is the /29 around it. */
    static final int LINK_NETWORK_PREFIX = 29;
    public static final String LAN_PREFIX = "lan-";

    private ContainerPlanner() {
    }

    /** Every network of the lab: the sites' LANs in site order, then the links in file order. */
    public static List<ContainerNetwork> networks(LabTopology topology) {
        requireNonNull(topology, "topology");
        String lab = topology.instance();
        List<ContainerNetwork> out = new ArrayList<>();
        for (SitePlan site : topology.sites()) {
            Ipv4Prefix subnet = prefixOf(site.lan().first().address(), site.lan().first().address().prefixLength());
            out.add(new ContainerNetwork(LabNames.namespace(lab, LAN_PREFIX + site.socket()), subnet, subnet.last() - 1,
                    List.of(site.lan().first(), site.lan().second())));
        }
        for (LinkPlan link : topology.links()) {
            Ipv4Prefix subnet = prefixOf(link.veth().first().address(),
                    Math.min(LINK_NETWORK_PREFIX, link.veth().first().address().prefixLength()));
            out.add(new ContainerNetwork(LabNames.namespace(lab, link.veth().first().device()), subnet, subnet.last() - 1,
                    List.of(link.veth().first(), link.veth().second())));
        }
        return List.copyOf(out);
    }

    /** The networks a node is on, in the order of {@link #networks}: the first is the one its container is created on. */
    public static List<ContainerNetwork> networksOf(LabTopology topology, String node) {
        topology.node(node);
        return networks(topology).stream().filter(n -> n.memberOf(node).isPresent()).toList();
    }

    /**
     * The shell lines (POSIX sh, {@code set -e}) that turn the container's Docker interfaces into
     * the lab's: rename, exact address, TUNs, routes, the PoP's local-delivery rule.
     */
    public static List<String> initLines(LabTopology topology, String node) {
        requireNonNull(topology, "topology");
        List<String> out = new ArrayList<>();
        out.add("set -e");
        for (ContainerNetwork net : networksOf(topology, node)) {
            VethEnd end = net.memberOf(node).orElseThrow();
            String ip = end.address().ipText();
            String dev = end.device();
            out.add("set -- $(ip -o -4 addr show to " + ip + "/32)");
            out.add("[ -n \"$2\" ] || { echo \"no interface has " + ip + " (network " + net.name() + ")\" >&2; exit 1; }");
            out.add("ip link set dev \"$2\" down");
            out.add("[ \"$2\" = " + dev + " ] || ip link set dev \"$2\" name " + dev);
            out.add("ip addr flush dev " + dev);
            out.add("ip addr add " + end.address() + " dev " + dev);
            out.add("ip link set dev " + dev + " up");
        }
        for (TunPlan tun : topology.tuns()) {
            if (tun.node().equals(node)) {
                out.add("ip tuntap add dev " + tun.device() + " mode tun");
                out.add("ip link set dev " + tun.device() + " mtu " + tun.mtu() + " up");
            }
        }
        for (RoutePlan r : topology.routesOf(node)) {
            out.add("ip route add " + r.destinationText() + (r.hasGateway() ? " via " + Ipv4.format(r.gateway()) : "")
                    + " dev " + r.device());
        }
        if (node.equals(LabNames.POP)) {
            out.add("ip rule add iif " + LabNames.POP_TUN + " lookup " + LabCommands.PROXY_TABLE);
            out.add("ip route add local default dev lo table " + LabCommands.PROXY_TABLE);
        }
        return List.copyOf(out);
    }

    /**
     * The container's whole command: {@code sh -c} with the init lines, then {@code exec} of the
     * node's own command (arguments quoted for sh), or of {@code sleep infinity} for a host that runs
     * nothing of its own.
     */
    public static List<String> command(LabTopology topology, String node, List<String> nodeCommand) {
        requireNonNull(nodeCommand, "nodeCommand");
        List<String> lines = new ArrayList<>(initLines(topology, node));
        List<String> run = nodeCommand.isEmpty() ? List.of("sleep", "infinity") : nodeCommand;
        StringBuilder exec = new StringBuilder("exec");
        for (String arg : run) {
            exec.append(' ').append(shellQuote(arg));
        }
        lines.add(exec.toString());
        return List.of("sh", "-c", String.join("\n", lines));
    }

    /** The kernel settings of the node's namespace, for {@code --sysctl} (the per-device ones follow from {@code default}). */
    public static List<Sysctl> sysctls(LabTopology topology, String node) {
        return topology.node(node).sysctls();
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Ipv4Prefix prefixOf(InterfaceAddress a, int length) {
        return new Ipv4Prefix(a.ip() & Ipv4Prefix.mask(length), length);
    }
}
