package io.wanlab.bench.repro;

import io.wanlab.bench.repro.Captures.Tcp;
import io.wanlab.core.net.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario's captures and event logs show, checked against what the scenario must
 * show (the evidence list). Every finding is a line; a check that fails starts with
 * {@code MISSING: }. Reads only the scenario's own folder.
 */
final class Evidence {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int PORT = 443;

    final List<String> findings = new ArrayList<>();
    String path = "";
    int clientPort = -1;
    /** The proxy's server leg port (from the PoP's events), or -1. */
    int serverLegPort = -1;
    private boolean ok = true;

    /** The client-side ports of the scenario's flows: the client's connection and the proxy's server leg. */
    java.util.Set<Integer> ports() {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
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

    /** Reads the folder {@code dir} (one subfolder per node) and checks the scenario's evidence. */
    static Evidence collect(Path dir, Scenario scenario) throws IOException {
        Evidence e = new Evidence();
        List<Tcp> aLan = Captures.read(dir.resolve("socket-a/socket-a-lan.pcapng"), "socket-a:lan");
        List<Tcp> bLan = Captures.read(dir.resolve("socket-b/socket-b-lan.pcapng"), "socket-b:lan");
        List<Tcp> pop = new ArrayList<>();
        pop.addAll(Captures.read(dir.resolve("pop/pop-cato-a.pcapng"), "pop:cato-a"));
        pop.addAll(Captures.read(dir.resolve("pop/pop-cato-b.pcapng"), "pop:cato-b"));
        String aEvents = read(dir.resolve("socket-a/events.jsonl"));
        String popEvents = read(dir.resolve("pop/events.jsonl"));

        Tcp syn = aLan.stream().filter(t -> t.src() == CLIENT && t.dst() == SERVER && t.dport() == PORT && t.syn() && !t.ack())
                .findFirst().orElse(null);
        e.check(syn != null, "socket-a's LAN tap saw the client's SYN to 198.18.2.10:443");
        if (syn == null) {
            return e;
        }
        int p = syn.sport();
        e.clientPort = p;
        java.util.regex.Matcher leg = java.util.regex.Pattern.compile("\"clientPort\":" + p
                + ",[^}]*\"leg\":\"server\",\"state\":\"opened\",\"detail\":\"[^\"]*from 198\\.18\\.1\\.10:(\\d+)").matcher(popEvents);
        if (leg.find()) {
            e.serverLegPort = Integer.parseInt(leg.group(1));
        }
        List<Tcp> bFlow = bLan.stream().filter(t -> t.involves(p)).toList();
        List<Tcp> popFlow = pop.stream().filter(t -> t.involves(p)).toList();
        Tcp bFirst = bFlow.stream().filter(t -> t.src() == CLIENT).findFirst().orElse(null);
        switch (scenario.name()) {
            case "bug-off-cloud", "bug-alt-wan" -> e.bug(scenario, p, bFlow, bFirst, popFlow, aEvents, popEvents);
            case "fix-reorder-off-cloud", "fix-reorder-alt-wan" -> e.reorder(scenario, p, bFlow, popFlow, aEvents, popEvents);
            case "fix-tls-inspection-off" -> e.inspectionOff(scenario, p, bFlow, bFirst, popFlow, aEvents, popEvents);
            case "app-on-cloud" -> e.appOnCloud(p, bLan, popFlow, aEvents, popEvents);
            default -> e.check(false, "no evidence rules for scenario " + scenario.name());
        }
        return e;
    }

    private void bug(Scenario s, int p, List<Tcp> bFlow, Tcp bFirst, List<Tcp> popFlow, String aEvents, String popEvents) {
        path = "SYN: socket-a > cato > pop (proxy answers); ClientHello: socket-a > " + s.direct() + " > socket-b > server";
        check(bFirst != null && !bFirst.syn() && bFirst.payload().length > 0,
                "socket-b's LAN tap: the first packet of 198.18.1.10:" + p + " is payload, with no SYN of that flow before it"
                        + (bFirst == null ? "" : " (" + bFirst.describe() + ")"));
        check(bFirst != null && bFirst.startsClientHello(), "socket-b's LAN tap: that payload is the TLS ClientHello");
        Tcp rst = bFlow.stream().filter(t -> t.src() == SERVER && t.rst()).findFirst().orElse(null);
        check(rst != null, "socket-b's LAN tap: the server 198.18.2.10 answered RST" + (rst == null ? "" : " (" + rst.describe() + ")"));
        check(popFlow.stream().anyMatch(t -> t.syn() && !t.ack()), "the PoP's tunnel tap saw the client's SYN (TLS inspection: proxied)");
        check(popEvents.contains("\"clientPort\":" + p + ",\"serverAddr\":\"198.18.2.10\",\"serverPort\":443,\"leg\":\"client\",\"state\":\"established\""),
                "the PoP's proxy completed the client's handshake (client leg established)");
        check(!popEvents.contains("\"clientPort\":" + p + ",\"serverAddr\":\"198.18.2.10\",\"serverPort\":443,\"leg\":\"server\",\"state\":\"opened\""),
                "the PoP opened no server leg for it");
        check(aEvents.contains("\"type\":\"flow-switched\"") && aEvents.contains("\"fromTransport\":\"cato\",\"toTransport\":\"" + s.direct() + "\""),
                "socket-a switched the flow from cato to " + s.direct() + " after identifying it");
    }

    private void reorder(Scenario s, int p, List<Tcp> bFlow, List<Tcp> popFlow, String aEvents, String popEvents) {
        path = "whole flow: socket-a > " + s.direct() + " > socket-b > server";
        check(popFlow.isEmpty(), "the PoP's tunnel taps saw no packet of the flow (" + popFlow.size() + " seen)");
        check(!popEvents.contains("\"clientPort\":" + p + ","), "the PoP's proxy never saw it");
        check(aEvents.contains("\"type\":\"flow-decided\"") && aEvents.contains("\"transport\":\"" + s.direct() + "\"")
                        && !aEvents.contains("\"type\":\"flow-undecided\""),
                "socket-a decided " + s.direct() + " on the SYN (no undecided flow)");
        check(bFlow.stream().anyMatch(t -> t.src() == CLIENT && t.syn()), "socket-b's LAN tap: the server got the client's SYN");
    }

    private void inspectionOff(Scenario s, int p, List<Tcp> bFlow, Tcp bFirst, List<Tcp> popFlow, String aEvents, String popEvents) {
        path = "handshake: socket-a > cato > pop (pass-through) > socket-b > server; then socket-a > " + s.direct() + " > socket-b";
        check(popFlow.stream().anyMatch(t -> t.syn() && !t.ack()), "the SYN crossed the PoP (pass-through)");
        check(!popEvents.contains("\"clientPort\":" + p + ","), "the PoP's proxy did not take it (TLS inspection off)");
        check(bFirst != null && bFirst.syn(), "socket-b's LAN tap: the server got the SYN first, so it knows the connection");
        check(aEvents.contains("\"fromTransport\":\"cato\",\"toTransport\":\"" + s.direct() + "\""),
                "socket-a switched the flow from cato to " + s.direct() + " after the handshake");
        // A RST in the closing exchange (data after the server's FIN) is ordinary teardown; what
        // matters is that none came before the server answered.
        int answer = -1;
        for (int i = 0; i < bFlow.size(); i++) {
            if (bFlow.get(i).src() == SERVER && bFlow.get(i).payload().length > 0) {
                answer = i;
                break;
            }
        }
        boolean resetFirst = bFlow.subList(0, answer < 0 ? bFlow.size() : answer).stream().anyMatch(Tcp::rst);
        check(answer >= 0 && !resetFirst, "the server answered the ClientHello, with no RST before its answer");
    }

    private void appOnCloud(int p, List<Tcp> bLan, List<Tcp> popFlow, String aEvents, String popEvents) {
        path = "socket-a > cato > pop (proxy: client leg, then server leg) > cato > socket-b > server";
        check(popEvents.contains("\"clientPort\":" + p + ",\"serverAddr\":\"198.18.2.10\",\"serverPort\":443,\"leg\":\"server\",\"state\":\"opened\""),
                "the PoP's proxy opened the server leg on the ClientHello");
        check(popEvents.contains("TLS inspection: client TLS terminated, SNI crm.site-b.lab"),
                "the PoP inspected it: the client's TLS terminated with a certificate minted for crm.site-b.lab, new TLS to the server");
        check(aEvents.contains("\"application\":\"crm\"") && !aEvents.contains("\"type\":\"flow-switched\""),
                "socket-a identified crm and kept the flow on cato");
        check(bLan.stream().noneMatch(t -> t.involves(p)), "the client's own connection never reached socket-b (the proxy's leg did)");
        check(bLan.stream().anyMatch(t -> t.src() == CLIENT && t.syn() && t.dport() == PORT),
                "socket-b's LAN tap: the proxy's server leg (from the client's address) reached the server");
        check(!popFlow.isEmpty(), "the PoP's tunnel taps carried the flow");
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
