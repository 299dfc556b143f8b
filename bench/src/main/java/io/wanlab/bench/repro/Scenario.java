package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.util.List;

/**
 * One probe of a lab, the one scenario type behind {@code repro} and {@code verify}: the lab
 * configuration to reload the nodes with, the flow's route (client host to server host, port,
 * server name), the path the flow must take and so what the client must see, and what it means.
 * The seed's seven scenarios are {@link #seed()}; {@code verify} derives its own from a rulebase.
 *
 * @param phase   "" for repro; "before" or "after" (the fix) for verify
 * @param direct  the direct transport a switch or first-packet decision takes ("off-cloud", "alt-wan"), or "cato"
 * @param rules   the rules involved, as a reader names them (e.g. {@code #1 "CRM over Cato", #2 "A to B"}), may be empty
 */
public record Scenario(String name, String phase, LabSpec spec, Route route, PathKind path, String direct, String meaning,
        String rules) {

    public Scenario {
        requireNonNull(name, "name");
        requireNonNull(phase, "phase");
        requireNonNull(spec, "spec");
        requireNonNull(route, "route");
        requireNonNull(path, "path");
        requireNonNull(direct, "direct");
        requireNonNull(meaning, "meaning");
        requireNonNull(rules, "rules");
    }

    /** What the client must see. */
    public enum Expect {
        /** The client's connection is reset during the TLS handshake (the seed's failure). */
        RESET,
        /** The client gets the server's answer. */
        OK,
        /** The client's TLS handshake fails (it does not trust the certificate it is shown). */
        TLS_ERROR;

        public String label() {
            return switch (this) {
                case RESET -> "reset";
                case OK -> "ok";
                case TLS_ERROR -> "tls-error";
            };
        }
    }

    /** The way a TCP flow crosses the lab, which decides both the client's outcome and the evidence to look for. */
    public enum PathKind {
        /** Decided on the SYN by a simple rule: the whole flow goes direct; the PoP never sees it. */
        DIRECT_ON_SYN(Expect.OK, "decided direct on the SYN"),
        /** Undecided SYN proxied by the PoP (TLS inspection on), then switched direct on the ClientHello: the server resets. */
        SWITCH_AFTER_PROXY(Expect.RESET, "SYN proxied by the PoP, ClientHello switched direct"),
        /** Undecided SYN passed through the PoP to the server (no proxy), then switched direct: the server knows the connection. */
        SWITCH_AFTER_PASSTHROUGH(Expect.OK, "SYN through the PoP (pass-through), then switched direct"),
        /** Stays on cato; the PoP's proxy terminates it and opens its own leg to the server. */
        CLOUD_PROXIED(Expect.OK, "on cato, through the PoP's proxy"),
        /** Stays on cato; the PoP routes it through without proxying. */
        CLOUD_PASSTHROUGH(Expect.OK, "on cato, through the PoP (pass-through)"),
        /**
         * Stays on cato and the PoP inspects it, but the client trusts only the sites' CA, not the
         * inspection CA: its handshake with the PoP fails and no server leg is opened.
         */
        CLOUD_INSPECTED_UNTRUSTED(Expect.TLS_ERROR, "on cato, inspected by the PoP with a CA the client does not trust");

        private final Expect expect;
        private final String label;

        PathKind(Expect expect, String label) {
            this.expect = expect;
            this.label = label;
        }

        public Expect expect() {
            return expect;
        }

        public String label() {
            return label;
        }

        /** Whether the client trusts the PoP's inspection CA as well as the sites' (by default it does). */
        public boolean clientTrustsInspection() {
            return this != CLOUD_INSPECTED_UNTRUSTED;
        }
    }

    public Expect expect() {
        return path.expect();
    }

    /** The name with its phase, unique within a run: {@code probe-3/after}. */
    public String id() {
        return phase.isEmpty() ? name : name + "/" + phase;
    }

    /** The folder name of one run of this scenario with one client. */
    public String folder(String client) {
        return (phase.isEmpty() ? name : name + "-" + phase) + "-" + client;
    }

    public static final String APP = "app.site-b.lab";
    public static final String CRM = "crm.site-b.lab";

    /**
     * The seed's seven scenarios, in order: the bug over both direct transports, both fixes, the
     * complex rule's own application, and that application inspected for a client that does not trust the inspection CA.
     */
    public static List<Scenario> seed() {
        LabTopology topology = TopologyPlanner.plan(io.wanlab.core.topo.LabNames.DEFAULT_LAB, new LabSpec("bug", null, null).load());
        Route app = Route.between(topology, "site-a", "site-b", 443, APP);
        Route crm = Route.between(topology, "site-a", "site-b", 443, CRM);
        String bugOff = "#1 \"CRM over Cato\" (complex) above #2 \"Site A to Site B over Off-Cloud\" (simple)";
        String bugAlt = "#1 \"CRM over Cato\" (complex) above #2 \"Site A to Site B over Alt-WAN\" (simple)";
        return List.of(
                new Scenario("bug-off-cloud", "", new LabSpec("bug", "on", "off-cloud"), app, PathKind.SWITCH_AFTER_PROXY,
                        "off-cloud", "complex rule above the simple Off-Cloud rule, TLS inspection on", bugOff),
                new Scenario("bug-alt-wan", "", new LabSpec("bug", "on", "alt-wan"), app, PathKind.SWITCH_AFTER_PROXY,
                        "alt-wan", "the same over Alt-WAN", bugAlt),
                new Scenario("fix-reorder-off-cloud", "", new LabSpec("fixed", "on", "off-cloud"), app, PathKind.DIRECT_ON_SYN,
                        "off-cloud", "fix 1: simple rule first; decided on the SYN, the PoP never sees the flow",
                        "#1 \"Site A to Site B over Off-Cloud\" (simple) above #2 \"CRM over Cato\""),
                new Scenario("fix-reorder-alt-wan", "", new LabSpec("fixed", "on", "alt-wan"), app, PathKind.DIRECT_ON_SYN,
                        "alt-wan", "fix 1 over Alt-WAN",
                        "#1 \"Site A to Site B over Alt-WAN\" (simple) above #2 \"CRM over Cato\""),
                new Scenario("fix-tls-inspection-off", "", new LabSpec("bug", "off", "off-cloud"), app,
                        PathKind.SWITCH_AFTER_PASSTHROUGH, "off-cloud",
                        "fix 2: TLS inspection off; the handshake crosses the PoP, then the flow switches direct", bugOff),
                new Scenario("app-on-cloud", "", new LabSpec("bug", "on", "off-cloud"), crm, PathKind.CLOUD_PROXIED, "cato",
                        "the complex rule's own application: stays on cato, through the PoP's proxy", "#1 \"CRM over Cato\" (complex)"),
                new Scenario("inspection-ca-untrusted", "", new LabSpec("bug", "on", "off-cloud"), crm, PathKind.CLOUD_INSPECTED_UNTRUSTED,
                        "cato", "the same application, inspected, for a client that trusts only the sites' CA: unknown-CA failure",
                        "#1 \"CRM over Cato\" (complex)"));
    }

    /** The seed scenarios whose names are given, in seed order; throws naming the known ones for an unknown name. */
    public static List<Scenario> seed(List<String> names) {
        List<Scenario> all = seed();
        for (String n : names) {
            if (all.stream().noneMatch(s -> s.name().equals(n))) {
                throw new IllegalArgumentException("--scenario: '" + n + "' (expected: one of "
                        + all.stream().map(Scenario::name).toList() + ")");
            }
        }
        return names.isEmpty() ? all : all.stream().filter(s -> names.contains(s.name())).toList();
    }
}
