package io.wanlab.bench.repro;

import io.wanlab.bench.repro.Captures.Tcp;
import io.wanlab.core.event.Event;
import io.wanlab.core.net.Ipv4;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one scenario's captures and event logs show, checked against what its path must show.
 * Every finding is a line; a check that fails starts with {@code MISSING: }. Reads only the
 * scenario's own folder, and only the tap points and addresses of the scenario's {@link Route},
 * so the same checks judge the seed's lab and any user's lab. Events are read as typed records.
 */
final class Evidence {
    private static final Pattern LEG_FROM = Pattern.compile("from (\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

    final List<String> findings = new ArrayList<>();
    String path = "";
    int clientPort = -1;
    /** The proxy's server leg port (from the PoP's events), or -1. */
    int serverLegPort = -1;
    private boolean ok = true;

    /** The client-side ports of the scenario's flows: the client's connection and the proxy's server leg. */
    Set<Integer> ports() {
        Set<Integer> ports = new HashSet<>();
        if (clientPort > 0) {
            ports.add(clientPort);
        }
        if (serverLegPort > 0) {
            ports.add(serverLegPort);
        }
        return ports;
    }

    boolean pass() {
        return ok;
    }

    private void check(boolean condition, String finding) {
        if (condition) {
            findings.add(finding);
        } else {
            ok = false;
            findings.add("MISSING: " + finding);
        }
    }

    /** What a run of the scenario has in its folder: taps and events of the route's nodes. */
    private record Seen(Route r, List<Tcp> clientLan, List<Tcp> serverLan, List<Tcp> pop, List<Event> socketEvents,
            List<Event> popEvents) {
    }

    /** Reads the folder {@code dir} (one subfolder per node) and checks the scenario's evidence. */
    static Evidence collect(Path dir, Scenario scenario) throws IOException {
        Route r = scenario.route();
        List<Tcp> pop = new ArrayList<>();
        for (String link : r.popLinks()) {
            pop.addAll(Captures.read(Route.popTap(dir, link), "pop:" + link));
        }
        Seen seen = new Seen(r, Captures.read(Route.lanTap(dir, r.clientSocket()), r.clientSocket() + ":lan"),
                Captures.read(Route.lanTap(dir, r.serverSocket()), r.serverSocket() + ":lan"), pop,
                io.wanlab.core.event.EventJson.readAll(Route.events(dir, r.clientSocket())), io.wanlab.core.event.EventJson.readAll(Route.events(dir, "pop")));
        return judge(seen, scenario);
    }

    private static Evidence judge(Seen seen, Scenario s) {
        Evidence e = new Evidence();
        Route r = seen.r();
        String cs = r.clientSocket();
        String ss = r.serverSocket();
        Tcp syn = seen.clientLan().stream().filter(t -> t.src() == r.clientAddr() && t.dst() == r.serverAddr() && t.dport() == r.port()
                && t.syn() && !t.ack()).reduce((a, b) -> b).orElse(null);
        e.check(syn != null, cs + "'s LAN tap saw the client's SYN to " + r.serverAddrText() + ":" + r.port());
        if (syn == null) {
            return e;
        }
        int p = syn.sport();
        e.clientPort = p;
        Flow flow = Flow.of(seen.socketEvents(), r, p);
        List<Event.ProxyLeg> legs = seen.popEvents().stream().filter(Event.ProxyLeg.class::isInstance).map(Event.ProxyLeg.class::cast)
                .filter(l -> l.clientAddr().equals(r.clientAddrText()) && l.clientPort() == p
                        && l.serverAddr().equals(r.serverAddrText()) && l.serverPort() == r.port())
                .toList();
        Event.ProxyLeg serverLeg = legs.stream().filter(l -> l.leg().equals("server") && l.state().equals("opened")).findFirst().orElse(null);
        if (serverLeg != null) {
            Matcher m = LEG_FROM.matcher(serverLeg.detail());
            if (m.find()) {
                e.serverLegPort = Integer.parseInt(m.group(2));
            }
        }
        List<Tcp> sFlow = between(seen.serverLan(), r, p);
        List<Tcp> popFlow = between(seen.pop(), r, p);
        Tcp sFirst = sFlow.stream().filter(t -> t.src() == r.clientAddr()).findFirst().orElse(null);
        String direct = s.direct();
        String client = r.clientAddrText() + ":" + p;
        switch (s.path()) {
            case SWITCH_AFTER_PROXY -> {
                e.path = "SYN: " + cs + " > cato > pop (proxy answers); ClientHello: " + cs + " > " + direct + " > " + ss + " > " + r.serverHost();
                e.check(sFirst != null && !sFirst.syn() && sFirst.payload().length > 0,
                        ss + "'s LAN tap: the first packet of " + client + " is payload, with no SYN of that flow before it"
                                + (sFirst == null ? "" : " (" + sFirst.describe() + ")"));
                e.check(sFirst != null && sFirst.startsClientHello(), ss + "'s LAN tap: that payload is the TLS ClientHello");
                Tcp rst = sFlow.stream().filter(t -> t.src() == r.serverAddr() && t.rst()).findFirst().orElse(null);
                e.check(rst != null, ss + "'s LAN tap: the server " + r.serverAddrText() + " answered RST"
                        + (rst == null ? "" : " (" + rst.describe() + ")"));
                e.check(popFlow.stream().anyMatch(t -> t.syn() && !t.ack()), "the PoP's tunnel tap saw the client's SYN (TLS inspection: proxied)");
                e.check(legs.stream().anyMatch(l -> l.leg().equals("client") && l.state().equals("established")),
                        "the PoP's proxy completed the client's handshake (client leg established)");
                e.check(serverLeg == null, "the PoP opened no server leg for it");
                e.check(flow.switchedTo("cato", direct), cs + " switched the flow from cato to " + direct + " after identifying it");
            }
            case DIRECT_ON_SYN -> {
                e.path = "whole flow: " + cs + " > " + direct + " > " + ss + " > " + r.serverHost();
                e.check(popFlow.isEmpty(), "the PoP's tunnel taps saw no packet of the flow (" + popFlow.size() + " seen)");
                e.check(legs.isEmpty(), "the PoP's proxy never saw it");
                e.check(flow.decided(direct) && !flow.undecided(), cs + " decided " + direct + " on the SYN (no undecided flow)");
                e.check(sFlow.stream().anyMatch(t -> t.src() == r.clientAddr() && t.syn()), ss + "'s LAN tap: the server got the client's SYN");
                e.check(answeredWithoutReset(sFlow, r), "the server answered the ClientHello, with no RST before its answer");
            }
            case SWITCH_AFTER_PASSTHROUGH -> {
                e.path = "handshake: " + cs + " > cato > pop (pass-through) > " + ss + " > " + r.serverHost() + "; then " + cs + " > "
                        + direct + " > " + ss;
                e.check(popFlow.stream().anyMatch(t -> t.syn() && !t.ack()), "the SYN crossed the PoP (pass-through)");
                e.check(legs.isEmpty(), "the PoP's proxy did not take it (" + (s.spec().tlsInspection() != null
                        && s.spec().tlsInspection().equals("off") ? "TLS inspection off" : "not a proxied port") + ")");
                e.check(sFirst != null && sFirst.syn(), ss + "'s LAN tap: the server got the SYN first, so it knows the connection");
                e.check(flow.switchedTo("cato", direct), cs + " switched the flow from cato to " + direct + " after the handshake");
                e.check(answeredWithoutReset(sFlow, r), "the server answered the ClientHello, with no RST before its answer");
            }
            case CLOUD_PROXIED -> {
                e.path = cs + " > cato > pop (proxy: client leg, then server leg) > cato > " + ss + " > " + r.serverHost();
                e.check(serverLeg != null, "the PoP's proxy opened the server leg on the ClientHello");
                e.check(serverLeg != null && serverLeg.detail().contains("TLS inspection: client TLS terminated, SNI " + r.serverName()),
                        "the PoP inspected it: the client's TLS terminated with a certificate minted for " + r.serverName()
                                + ", new TLS to the server");
                e.check(flow.identified() && !flow.switched(), cs + " identified " + flow.application() + " and kept the flow on cato");
                e.check(sFlow.isEmpty(), "the client's own connection never reached " + ss + " (the proxy's leg did)");
                int legPort = e.serverLegPort;
                e.check(seen.serverLan().stream().anyMatch(t -> t.src() == r.clientAddr() && t.sport() == legPort && t.dst() == r.serverAddr()
                                && t.dport() == r.port() && t.syn()),
                        ss + "'s LAN tap: the proxy's server leg (from the client's address) reached the server");
                e.check(!popFlow.isEmpty(), "the PoP's tunnel taps carried the flow");
            }
            case CLOUD_INSPECTED_UNTRUSTED -> {
                e.path = cs + " > cato > pop (proxy: client leg; its TLS, with the inspection CA's certificate, fails); no server leg";
                Event.ProxyLeg failed = legs.stream().filter(l -> l.leg().equals("client") && l.state().equals("closed")
                        && l.detail().contains("handshake failed")).findFirst().orElse(null);
                e.check(legs.stream().anyMatch(l -> l.leg().equals("client") && l.state().equals("established")),
                        "the PoP's proxy completed the client's TCP handshake (client leg established)");
                e.check(failed != null, "the PoP's client leg closed on a failed TLS handshake (TLS inspection)"
                        + (failed == null ? "" : " (" + failed.detail() + ")"));
                e.check(serverLeg == null, "the PoP opened no server leg for it");
                e.check(flow.identified() && !flow.switched(), cs + " identified " + flow.application() + " and kept the flow on cato");
                e.check(seen.serverLan().stream().noneMatch(t -> t.src() == r.clientAddr() && t.dst() == r.serverAddr()
                        && t.dport() == r.port()), ss + "'s LAN tap: nothing of it reached the server " + r.serverAddrText());
                e.check(!popFlow.isEmpty(), "the PoP's tunnel taps carried the flow");
            }
            case CLOUD_PASSTHROUGH -> {
                e.path = cs + " > cato > pop (pass-through) > cato > " + ss + " > " + r.serverHost();
                e.check(popFlow.stream().anyMatch(t -> t.syn() && !t.ack()), "the SYN crossed the PoP (pass-through)");
                e.check(legs.isEmpty(), "the PoP's proxy did not take it");
                e.check(!flow.switched(), cs + " kept the flow on cato");
                e.check(sFirst != null && sFirst.syn(), ss + "'s LAN tap: the server got the SYN first, so it knows the connection");
                e.check(answeredWithoutReset(sFlow, r), "the server answered the ClientHello, with no RST before its answer");
            }
        }
        return e;
    }

    /** The packets of one connection, both ways. */
    private static List<Tcp> between(List<Tcp> packets, Route r, int clientPort) {
        return packets.stream().filter(t -> (t.src() == r.clientAddr() && t.sport() == clientPort && t.dst() == r.serverAddr()
                && t.dport() == r.port()) || (t.src() == r.serverAddr() && t.sport() == r.port() && t.dst() == r.clientAddr()
                && t.dport() == clientPort)).toList();
    }

    /** A RST in the closing exchange is ordinary teardown; what matters is that none came before the server's first payload. */
    private static boolean answeredWithoutReset(List<Tcp> flow, Route r) {
        int answer = -1;
        for (int i = 0; i < flow.size(); i++) {
            if (flow.get(i).src() == r.serverAddr() && flow.get(i).payload().length > 0) {
                answer = i;
                break;
            }
        }
        return answer >= 0 && flow.subList(0, answer).stream().noneMatch(Tcp::rst);
    }

    /** The client Socket's events of one flow, found by its 5-tuple in flow-created. */
    private record Flow(List<Event> events) {
        static Flow of(List<Event> all, Route r, int clientPort) {
            long id = Long.MIN_VALUE;
            for (Event ev : all) {
                if (ev instanceof Event.FlowCreated c && c.srcAddr().equals(r.clientAddrText()) && c.srcPort() == clientPort
                        && c.dstAddr().equals(r.serverAddrText()) && c.dstPort() == r.port()) {
                    id = c.flowId(); // the last one wins: a reused 5-tuple is a new flow
                }
            }
            List<Event> mine = new ArrayList<>();
            for (Event ev : all) {
                if (flowId(ev) == id && id != Long.MIN_VALUE) {
                    mine.add(ev);
                }
            }
            return new Flow(mine);
        }

        private static long flowId(Event ev) {
            return switch (ev) {
                case Event.FlowCreated c -> c.flowId();
                case Event.FlowDecided d -> d.flowId();
                case Event.FlowUndecided u -> u.flowId();
                case Event.AppIdentified a -> a.flowId();
                case Event.AppGaveUp g -> g.flowId();
                case Event.FlowSwitched s -> s.flowId();
                default -> Long.MIN_VALUE + 1;
            };
        }

        boolean switchedTo(String from, String to) {
            return events.stream().anyMatch(ev -> ev instanceof Event.FlowSwitched s && s.fromTransport().equals(from)
                    && s.toTransport().equals(to));
        }

        boolean switched() {
            return events.stream().anyMatch(Event.FlowSwitched.class::isInstance);
        }

        boolean decided(String transport) {
            return events.stream().anyMatch(ev -> ev instanceof Event.FlowDecided d && d.transport().equals(transport));
        }

        boolean undecided() {
            return events.stream().anyMatch(Event.FlowUndecided.class::isInstance);
        }

        boolean identified() {
            return events.stream().anyMatch(ev -> ev instanceof Event.AppIdentified a && a.application() != null);
        }

        String application() {
            return events.stream().filter(ev -> ev instanceof Event.AppIdentified a && a.application() != null)
                    .map(ev -> ((Event.AppIdentified) ev).application()).findFirst().orElse("no application");
        }
    }

    static String format(int address) {
        return Ipv4.format(address);
    }
}
