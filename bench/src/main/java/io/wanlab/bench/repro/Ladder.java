package io.wanlab.bench.repro;

import io.wanlab.bench.repro.Captures.Tcp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LinkPlan;
import java.util.Set;

/**
 * Builds a scenario's ladder from its taps: each hop a packet takes is one arrow. LAN taps give
 * host-to-Socket arrows both ways; a link hop is drawn from its sender's capture only, so the
 * receiver's copy of the same packet is not drawn twice.
 */
final class Ladder {
    static final int MAX_STEPS = 400;

    private Ladder() {
    }

    /** The lanes of a route's ladder, left to right: client host, its Socket, the PoP, the server's Socket, the server host. */
    static List<String> lanes(Route r) {
        return List.of(r.clientHost(), r.clientSocket(), LabNames.POP, r.serverSocket(), r.serverHost());
    }

    /**
     * The hops of the given flows only, named by their client-side ports (the client's own
     * connection and the proxy's server leg), so packets of an earlier scenario's connections
     * closing are left out. An empty set keeps every TCP packet of the route's taps.
     */
    static List<LadderStep> build(Path dir, Route r, Set<Integer> ports) throws IOException {
        List<LadderStep> steps = new ArrayList<>();
        String cs = r.clientSocket();
        String ss = r.serverSocket();
        lan(steps, flows(Captures.read(Route.lanTap(dir, cs), cs + ":lan"), r, ports), r.clientHost(), r.clientAddr(), cs);
        lan(steps, flows(Captures.read(Route.lanTap(dir, ss), ss + ":lan"), r, ports), r.serverHost(), r.serverAddr(), ss);
        // Only links that join the lanes: the PoP or the other Socket.
        for (LinkPlan link : r.clientSocketLinks()) {
            String peer = Route.peer(link, cs);
            if (peer.equals(LabNames.POP) || peer.equals(ss)) {
                out(steps, flows(Captures.read(Route.linkTap(dir, cs, link.name()), cs + ":" + link.name()), r, ports), cs, peer);
            }
        }
        for (LinkPlan link : r.serverSocketLinks()) {
            String peer = Route.peer(link, ss);
            if (peer.equals(LabNames.POP) || peer.equals(cs)) {
                out(steps, flows(Captures.read(Route.linkTap(dir, ss, link.name()), ss + ":" + link.name()), r, ports), ss, peer);
            }
        }
        for (String link : r.popLinks()) {
            String peer = r.clientSocketLinks().stream().anyMatch(l -> l.name().equals(link)) ? cs : ss;
            out(steps, flows(Captures.read(Route.popTap(dir, link), "pop:" + link), r, ports), LabNames.POP, peer);
        }
        steps.sort(Comparator.comparingLong(LadderStep::timeNanos));
        return steps.size() > MAX_STEPS ? List.copyOf(steps.subList(0, MAX_STEPS)) : steps;
    }

    private static List<Tcp> flows(List<Tcp> packets, Route r, Set<Integer> ports) {
        if (ports.isEmpty()) {
            return packets;
        }
        return packets.stream().filter(t -> ports.contains(t.src() == r.clientAddr() ? t.sport()
                : t.dst() == r.clientAddr() ? t.dport() : -1)).toList();
    }

    /** A LAN tap: packets from the host's address go host to Socket; the rest Socket to host. */
    private static void lan(List<LadderStep> steps, List<Tcp> packets, String host, int hostIp, String socket) {
        // By source address: at the server's Socket even the proxy's server leg (sent from the
        // client's address) is Socket to server, since only the server has the server's address.
        for (Tcp t : packets) {
            boolean fromHost = t.src() == hostIp;
            steps.add(step(t, fromHost ? host : socket, fromHost ? socket : host));
        }
    }

    /** A link tap: only packets this side sent (comment "out ..."/"-> ..."), drawn sender to peer. */
    private static void out(List<LadderStep> steps, List<Tcp> packets, String self, String peer) {
        for (Tcp t : packets) {
            String c = t.comment();
            if (c.startsWith("out") || c.contains(" out ")) {
                steps.add(step(t, self, peer));
            }
        }
    }

    private static LadderStep step(Tcp t, String from, String to) {
        return new LadderStep(t.time(), from, to, label(t), t.rst(), t.tap() + ": " + t.describe() + (t.comment().isEmpty() ? "" : " | " + t.comment()));
    }

    static String label(Tcp t) {
        if (t.rst()) {
            return "RST";
        }
        if (t.syn()) {
            return t.ack() ? "SYN-ACK" : "SYN";
        }
        if (t.fin()) {
            return "FIN";
        }
        byte[] p = t.payload();
        if (p.length == 0) {
            return "ACK";
        }
        if (p.length >= 6 && p[0] == 0x16 && p[1] == 0x03) {
            return switch (p[5]) {
                case 1 -> "ClientHello";
                case 2 -> "ServerHello";
                default -> "TLS handshake";
            };
        }
        if (p[0] == 0x17 && p.length >= 3 && p[1] == 0x03) {
            return "TLS data " + p.length + " B";
        }
        if (p[0] == 0x14 && p.length >= 3 && p[1] == 0x03) {
            return "ChangeCipherSpec";
        }
        if (t.seq() != 0 && p[0] == 0x16) {
            return "TLS " + p.length + " B";
        }
        return "data " + p.length + " B";
    }
}
