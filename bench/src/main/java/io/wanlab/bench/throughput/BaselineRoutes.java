package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.topo.CommandGuard;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.LinkPlan;
import io.wanlab.core.topo.RoutePlan;
import io.wanlab.core.topo.SitePlan;
import io.wanlab.core.topo.TunPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel-only baseline as ip commands: in every socket, each route that sends another site's
 * subnet into the TUN is replaced by a kernel route through the peer socket's end of the
 * off-cloud underlay veth ({@link #toKernel}), and later put back as planned ({@link #toTun}).
 * Same namespaces, same veths, no emulator in the path. Every list passes {@link CommandGuard}.
 */
public record BaselineRoutes(List<List<String>> toKernel, List<List<String>> toTun) {
    public BaselineRoutes {
        toKernel = List.copyOf(requireNonNull(toKernel, "toKernel"));
        toTun = List.copyOf(requireNonNull(toTun, "toTun"));
    }

    /** Throws {@link IllegalArgumentException} naming the socket pair when there is no off-cloud link between them. */
    public static BaselineRoutes plan(LabTopology topology) {
        requireNonNull(topology, "topology");
        List<List<String>> kernel = new ArrayList<>();
        List<List<String>> tun = new ArrayList<>();
        for (SitePlan site : topology.sites()) {
            String socket = site.socket();
            String tunDevice = topology.tunOf(socket).map(TunPlan::device).orElse(LabNames.SOCKET_TUN);
            String ns = topology.namespaceOf(socket);
            for (RoutePlan route : topology.routesOf(socket)) {
                if (!route.device().equals(tunDevice) || route.hasGateway()) {
                    continue;
                }
                SitePlan remote = siteOwning(topology, route.destination(), socket);
                LinkPlan link = offCloudLink(topology, socket, remote.socket());
                String via = link.endOf(socket).peerIpText();
                kernel.add(CommandGuard.check(topology.instance(), List.of("ip", "-n", ns, "route", "replace", route.destinationText(), "via", via)));
                tun.add(CommandGuard.check(topology.instance(), List.of("ip", "-n", ns, "route", "replace", route.destinationText(), "dev", tunDevice)));
            }
        }
        if (kernel.isEmpty()) {
            throw new IllegalArgumentException("lab '" + topology.lab() + "': no socket routes a remote subnet into its TUN"
                    + " (expected: at least two sites)");
        }
        return new BaselineRoutes(kernel, tun);
    }

    private static SitePlan siteOwning(LabTopology topology, Ipv4Prefix destination, String socket) {
        for (SitePlan s : topology.sites()) {
            if (!s.socket().equals(socket) && s.subnets().contains(destination)) {
                return s;
            }
        }
        throw new IllegalArgumentException("lab '" + topology.lab() + "': " + socket + " routes " + destination
                + " into its TUN (expected: a subnet of another site)");
    }

    /** The off-cloud link between two sockets; throws naming them when there is none. */
    public static LinkPlan offCloudLink(LabTopology topology, String a, String b) {
        for (LinkPlan l : topology.links()) {
            if (l.kind() == LinkKind.OFF_CLOUD && l.touches(a) && l.touches(b)) {
                return l;
            }
        }
        throw new IllegalArgumentException("lab '" + topology.lab() + "': no off-cloud link between " + a + " and " + b
                + " (expected: one, the baseline runs over its underlay veth)");
    }
}
