package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.LinkPlan;
import io.wanlab.core.topo.SitePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one probe flow runs in a lab's topology: the client host and its Socket, the server
 * host and its Socket, their addresses, the port and the server name the client asks for, and
 * the links either Socket can use. Evidence and ladders read only the tap points a route names,
 * so they work on any lab, not only the seed's two sites.
 *
 * @param clientSocketLinks the links the client's Socket terminates (tap files {@code <socket>/<socket>-<link>.pcapng})
 * @param serverSocketLinks likewise for the server's Socket
 * @param popLinks          the PoP's cato links to either Socket (tap files {@code pop/pop-<link>.pcapng})
 */
public record Route(String clientSite, String clientHost, int clientAddr, String clientSocket,
        String serverSite, String serverHost, int serverAddr, String serverSocket, int port, String serverName,
        List<LinkPlan> clientSocketLinks, List<LinkPlan> serverSocketLinks, List<String> popLinks) {

    public Route {
        requireNonNull(clientSite, "clientSite");
        requireNonNull(clientHost, "clientHost");
        requireNonNull(clientSocket, "clientSocket");
        requireNonNull(serverSite, "serverSite");
        requireNonNull(serverHost, "serverHost");
        requireNonNull(serverSocket, "serverSocket");
        requireNonNull(serverName, "serverName");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        clientSocketLinks = List.copyOf(clientSocketLinks);
        serverSocketLinks = List.copyOf(serverSocketLinks);
        popLinks = List.copyOf(popLinks);
    }

    /** The route from the host of {@code fromSite} to the host of {@code toSite} in that topology. */
    public static Route between(LabTopology topology, String fromSite, String toSite, int port, String serverName) {
        SitePlan from = topology.site(fromSite).orElseThrow(() -> new IllegalArgumentException("site: '" + fromSite
                + "' (expected: one of the lab's sites)"));
        SitePlan to = topology.site(toSite).orElseThrow(() -> new IllegalArgumentException("site: '" + toSite
                + "' (expected: one of the lab's sites)"));
        if (from.site().equals(to.site())) {
            throw new IllegalArgumentException("a probe from site " + fromSite + " to itself never crosses a Socket");
        }
        List<LinkPlan> fromLinks = new ArrayList<>();
        List<LinkPlan> toLinks = new ArrayList<>();
        List<String> pop = new ArrayList<>();
        for (LinkPlan l : topology.links()) {
            if (l.touches(from.socket())) {
                fromLinks.add(l);
            }
            if (l.touches(to.socket())) {
                toLinks.add(l);
            }
            if (l.kind() == LinkKind.CATO && l.touches(LabNames.POP) && (l.touches(from.socket()) || l.touches(to.socket()))) {
                pop.add(l.name());
            }
        }
        return new Route(from.site(), from.host(), from.hostAddress().ip(), from.socket(), to.site(), to.host(),
                to.hostAddress().ip(), to.socket(), port, serverName, fromLinks, toLinks, pop);
    }

    public String clientAddrText() {
        return Ipv4.format(clientAddr);
    }

    public String serverAddrText() {
        return Ipv4.format(serverAddr);
    }

    /** {@code name:port:address}, as curl's --resolve and the lab client take it. */
    public String resolve() {
        return serverName + ":" + port + ":" + serverAddrText();
    }

    public String url() {
        return "https://" + serverName + (port == 443 ? "" : ":" + port) + "/";
    }

    /** The LAN tap of a Socket in a scenario folder. */
    static Path lanTap(Path dir, String socket) {
        return dir.resolve(socket).resolve(socket + "-lan.pcapng");
    }

    /** A Socket's tap on one of its links. */
    static Path linkTap(Path dir, String socket, String link) {
        return dir.resolve(socket).resolve(socket + "-" + link + ".pcapng");
    }

    /** The PoP's tap on one of its cato links. */
    static Path popTap(Path dir, String link) {
        return dir.resolve(LabNames.POP).resolve("pop-" + link + ".pcapng");
    }

    static Path events(Path dir, String node) {
        return dir.resolve(node).resolve("events.jsonl");
    }

    /** The other end of a link, seen from {@code node}. */
    static String peer(LinkPlan link, String node) {
        return link.veth().first().node().equals(node) ? link.veth().second().node() : link.veth().first().node();
    }
}
