package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a lab file into the live topology: per site a host ({@code client}, {@code server}, then
 * {@code host-<site>}) and its socket joined by a LAN veth; per link an underlay veth; a TUN in
 * every socket (routes to the other sites' subnets) and in the PoP.
 */
public final class TopologyPlanner {
    private static final List<Sysctl> HOST_SYSCTLS = List.of(
            new Sysctl("net.ipv6.conf.all.disable_ipv6", "1"),
            new Sysctl("net.ipv6.conf.default.disable_ipv6", "1"));
    // IPv6 off because a fresh TUN otherwise emits router solicitations into the device processes.
    private static final List<Sysctl> DEVICE_SYSCTLS = List.of(
            new Sysctl("net.ipv4.ip_forward", "1"),
            new Sysctl("net.ipv4.conf.all.rp_filter", "0"),
            new Sysctl("net.ipv4.conf.default.rp_filter", "0"),
            new Sysctl("net.ipv6.conf.all.disable_ipv6", "1"),
            new Sysctl("net.ipv6.conf.default.disable_ipv6", "1"));
    private static final Ipv4Prefix DEFAULT_ROUTE = new Ipv4Prefix(0, 0);

    private TopologyPlanner() {
    }

    /** {@code instance}: the lab's name ({@code --name}), which names its namespaces; not the lab file's name. */
    public static LabTopology plan(String instance, LabFile lab) {
        return plan(instance, lab, TopologyOptions.DEFAULTS);
    }

    /** Plans the topology; throws {@link TopologyException} listing every problem when the lab cannot be built. */
    public static LabTopology plan(String instance, LabFile lab, TopologyOptions options) {
        LabNames.requireLabName(requireNonNull(instance, "instance"));
        requireNonNull(lab, "lab");
        requireNonNull(options, "options");
        List<String> problems = TopologyValidator.problems(lab);
        if (!problems.isEmpty()) {
            throw new TopologyException(lab.name(), problems);
        }
        List<Node> nodes = new ArrayList<>();
        List<SitePlan> sites = new ArrayList<>();
        List<TunPlan> tuns = new ArrayList<>();
        List<RoutePlan> routes = new ArrayList<>();
        for (int i = 0; i < lab.sites().size(); i++) {
            Site site = lab.sites().get(i);
            String host = hostName(i, site);
            nodes.add(new Node(instance, host, NodeRole.HOST, Optional.of(site.name()), HOST_SYSCTLS));
            nodes.add(new Node(instance, site.socket(), NodeRole.SOCKET, Optional.of(site.name()), DEVICE_SYSCTLS));
            Ipv4Prefix lan = site.subnets().getFirst();
            VethPair veth = new VethPair(
                    new VethEnd(host, LabNames.HOST_DEVICE, LabAddresses.inSubnet(lan, LabAddresses.HOST_OFFSET)),
                    new VethEnd(site.socket(), LabNames.LAN_DEVICE, LabAddresses.inSubnet(lan, LabAddresses.SOCKET_OFFSET)));
            sites.add(new SitePlan(site.name(), site.subnets(), host, site.socket(), veth));
            tuns.add(tun(site.socket(), LabNames.SOCKET_TUN, options));
        }
        nodes.add(new Node(instance, LabNames.POP, NodeRole.POP, Optional.empty(), DEVICE_SYSCTLS));
        tuns.add(tun(LabNames.POP, LabNames.POP_TUN, options));

        for (SitePlan site : sites) {
            routes.add(new RoutePlan(site.host(), DEFAULT_ROUTE, site.gateway().ip(), LabNames.HOST_DEVICE));
        }
        for (SitePlan site : sites) {
            for (SitePlan other : sites) {
                if (other == site) {
                    continue;
                }
                for (Ipv4Prefix subnet : other.subnets()) {
                    routes.add(new RoutePlan(site.socket(), subnet, 0, LabNames.SOCKET_TUN));
                }
            }
        }
        // The PoP's own kernel (its TCP proxy) reaches every site through its TUN; the PoP
        // process routes what it reads there by destination (DESIGN 4.2).
        for (SitePlan site : sites) {
            for (Ipv4Prefix subnet : site.subnets()) {
                routes.add(new RoutePlan(LabNames.POP, subnet, 0, LabNames.POP_TUN));
            }
        }
        return new LabTopology(instance, lab.name(), nodes, sites, links(lab.links(), options), tuns, routes);
    }

    private static List<LinkPlan> links(List<LinkSpec> specs, TopologyOptions options) {
        List<LinkPlan> links = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            LinkSpec spec = specs.get(i);
            int number = i + 1;
            String device = LabNames.linkDevice(spec.name());
            VethPair veth = new VethPair(
                    new VethEnd(spec.from(), device, LabAddresses.underlay(number, true)),
                    new VethEnd(spec.to(), device, LabAddresses.underlay(number, false)));
            // The PoP is the server of every tunnel; between two sockets the second end listens.
            String listener = spec.from().equals(LabNames.POP) ? spec.from() : spec.to();
            links.add(new LinkPlan(number, spec.name(), spec.kind(), veth, listener, options.linkPort()));
        }
        return links;
    }

    private static TunPlan tun(String node, String device, TopologyOptions options) {
        return new TunPlan(node, device, options.tunMtu(),
                List.of(new Sysctl("net.ipv4.conf." + device + ".rp_filter", "0")));
    }

    /** The host of the i-th site: {@code client}, {@code server}, then {@code host-<site>}. */
    static String hostName(int index, Site site) {
        return switch (index) {
            case 0 -> LabNames.CLIENT;
            case 1 -> LabNames.SERVER;
            default -> "host-" + site.name();
        };
    }
}
