package io.wanlab.bench.repro;

import io.wanlab.bench.repro.Captures.Tcp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /** All TCP hops in the scenario's folder. */
    static List<LadderStep> build(Path dir) throws IOException {
        return build(dir, Set.of());
    }

    /**
     * The hops of the given flows only, named by their client-side ports (the client's own
     * connection and the proxy's server leg), so packets of an earlier scenario's connections
     * closing are left out. An empty set keeps every TCP packet.
     */
    static List<LadderStep> build(Path dir, Set<Integer> ports) throws IOException {
        List<LadderStep> steps = new ArrayList<>();
        lan(steps, flows(Captures.read(dir.resolve("socket-a/socket-a-lan.pcapng"), "socket-a:lan"), ports), "client", "socket-a");
        lan(steps, flows(Captures.read(dir.resolve("socket-b/socket-b-lan.pcapng"), "socket-b:lan"), ports), "server", "socket-b");
        for (String link : List.of("cato-a", "off-cloud", "alt-wan")) {
            out(steps, flows(Captures.read(dir.resolve("socket-a/socket-a-" + link + ".pcapng"), "socket-a:" + link), ports),
                    "socket-a", link.startsWith("cato") ? "pop" : "socket-b");
        }
        for (String link : List.of("cato-b", "off-cloud", "alt-wan")) {
            out(steps, flows(Captures.read(dir.resolve("socket-b/socket-b-" + link + ".pcapng"), "socket-b:" + link), ports),
                    "socket-b", link.startsWith("cato") ? "pop" : "socket-a");
        }
        out(steps, flows(Captures.read(dir.resolve("pop/pop-cato-a.pcapng"), "pop:cato-a"), ports), "pop", "socket-a");
        out(steps, flows(Captures.read(dir.resolve("pop/pop-cato-b.pcapng"), "pop:cato-b"), ports), "pop", "socket-b");
        steps.sort(Comparator.comparingLong(LadderStep::timeNanos));
        return steps.size() > MAX_STEPS ? List.copyOf(steps.subList(0, MAX_STEPS)) : steps;
    }

    private static List<Tcp> flows(List<Tcp> packets, Set<Integer> ports) {
        if (ports.isEmpty()) {
            return packets;
        }
        return packets.stream().filter(t -> ports.contains(t.sport() == Evidence.PORT ? t.dport() : t.sport())).toList();
    }

    /** A LAN tap: packets from the host's side go host to Socket; the rest Socket to host. */
    private static void lan(List<LadderStep> steps, List<Tcp> packets, String host, String socket) {
        // By source address: at socket-b even the proxy's server leg (sent from the client's
        // address) is socket-b to server, since only the server has the server's address.
        int hostIp = host.equals("client") ? Evidence.CLIENT : Evidence.SERVER;
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
