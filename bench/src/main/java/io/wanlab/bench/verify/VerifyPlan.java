package io.wanlab.bench.verify;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.model.SocketModel;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.Route;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.bench.repro.Scenario.PathKind;
import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.lint.FlowPredictor;
import io.wanlab.core.lint.Outcome;
import io.wanlab.core.lint.Prediction;
import io.wanlab.core.lint.Probe;
import io.wanlab.core.lint.ProbePlan;
import io.wanlab.core.lint.ProbePlanner;
import io.wanlab.core.lint.RuleRef;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code wanlab verify} will run, worked out before any lab exists (so it is tested without
 * root): the probes the lint derives from the rulebase, each as one scenario per phase (before
 * the fix, after it), with the path the source Socket's real decision code gives it in memory
 * and, from that, what the client must see; the server stubs those probes need; and every probe
 * that cannot run live, with the reason. Where the lint's prediction and the Socket's decision
 * code disagree, that is recorded too: verify then fails, since one of them is wrong.
 *
 * @param disagreements lines naming each probe and phase where the lint and the decision code disagree
 * @param notRun        lines naming each probe that is not run live, and why
 */
public record VerifyPlan(List<Scenario> scenarios, List<LabLauncher.Stub> stubs, List<String> notRun, List<String> disagreements,
        boolean hasAfter) {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";

    public VerifyPlan {
        scenarios = List.copyOf(scenarios);
        stubs = List.copyOf(stubs);
        notRun = List.copyOf(notRun);
        disagreements = List.copyOf(disagreements);
    }

    /**
     * Plans the probes of {@code before} on its own lab and, when {@code after} is given, the same
     * probes on the fixed lab. Both labs must have the same topology: a verify run reloads one lab.
     */
    public static VerifyPlan of(LabFile before, LabSpec beforeSpec, LabFile after, LabSpec afterSpec, Set<Integer> proxiedPorts) {
        requireNonNull(before, "before");
        requireNonNull(beforeSpec, "beforeSpec");
        LabTopology topology = TopologyPlanner.plan(io.wanlab.core.topo.LabNames.DEFAULT_LAB, before);
        if (after != null) {
            LabTopology fixed = TopologyPlanner.plan(io.wanlab.core.topo.LabNames.DEFAULT_LAB, after);
            if (!fixed.sites().equals(topology.sites()) || !fixed.links().equals(topology.links())) {
                throw new IllegalArgumentException("the fixed lab has other sites or links than the original: verify compares two "
                        + "rulebases on one topology (change only rules, applications or the account)");
            }
        }
        ProbePlan plan = ProbePlanner.plan(before, proxiedPorts);
        List<Scenario> scenarios = new ArrayList<>();
        List<String> notRun = new ArrayList<>(plan.notConstructible());
        List<String> disagreements = new ArrayList<>();
        List<Scenario> afterScenarios = new ArrayList<>();
        int number = 0;
        for (Probe probe : plan.probes()) {
            // Short ids: they name run folders and report rows; the lint's long name becomes the meaning.
            Probe p = new Probe("probe-" + (++number), probe.kind(), probe.sourceSite(), probe.sourceAddress(), probe.destinationSite(),
                    probe.destinationAddress(), probe.protocol(), probe.port(), probe.sni(), probe.sniInApplication(), probe.rules());
            String about = probe.name();
            if (p.sni() == null) {
                notRun.add(about + ": no TLS server name to ask for");
                continue;
            }
            if (!certificateName(p.sni())) {
                notRun.add(p.name() + ": '" + p.sni() + "' cannot be a certificate name, so no stub can answer it");
                continue;
            }
            Route route;
            try {
                route = Route.between(topology, p.sourceSite(), p.destinationSite(), p.port(), p.sni());
            } catch (IllegalArgumentException e) {
                notRun.add(p.name() + ": " + e.getMessage());
                continue;
            }
            if (route.clientAddr() != p.sourceAddress() || route.serverAddr() != p.destinationAddress()) {
                notRun.add(p.name() + ": its addresses are not the lab hosts' (" + p + ")");
                continue;
            }
            Scenario b = scenario(p, about, BEFORE, before, beforeSpec, route, proxiedPorts, notRun, disagreements);
            if (b == null) {
                continue;
            }
            scenarios.add(b);
            if (after != null) {
                Scenario a = scenario(p, about, AFTER, after, afterSpec, route, proxiedPorts, notRun, disagreements);
                if (a != null) {
                    afterScenarios.add(a);
                }
            }
        }
        scenarios.addAll(afterScenarios);
        return new VerifyPlan(scenarios, stubs(scenarios, before), notRun, disagreements, after != null);
    }

    private static Scenario scenario(Probe p, String about, String phase, LabFile lab, LabSpec spec, Route route, Set<Integer> proxiedPorts,
            List<String> notRun, List<String> disagreements) {
        SocketModel.Decisions d = SocketModel.connect(lab, p.sourceAddress(), p.destinationAddress(), p.port(), p.sni());
        Prediction predicted = FlowPredictor.predict(lab, p, proxiedPorts);
        if (d.dropped()) {
            notRun.add(p.name() + " (" + phase + "): the Socket drops it (no link for its transport), so there is no TLS outcome to check");
            if (predicted.outcome() != Outcome.NO_ROUTE) {
                disagreements.add(p.name() + " (" + phase + "): the lint predicts " + predicted.outcome() + ", the Socket drops it");
            }
            return null;
        }
        boolean proxied = lab.account().tlsInspection() && proxiedPorts.contains(p.port());
        PathKind kind = pathKind(d, proxied);
        Outcome model = kind.expect() == Scenario.Expect.RESET ? Outcome.RESET : Outcome.OK;
        if (model != predicted.outcome()) {
            disagreements.add(p.name() + " (" + phase + "): the lint predicts " + predicted.outcome() + " (" + predicted.path()
                    + "), the Socket's decision code gives " + kind.label());
        }
        String direct = kind == PathKind.CLOUD_PROXIED || kind == PathKind.CLOUD_PASSTHROUGH ? "cato" : d.hello().label();
        return new Scenario(p.name(), phase, spec, route, kind, direct, about + "; " + predicted.reason(), rules(p.rules()));
    }

    /** The path from the source Socket's decisions and whether the PoP would proxy the flow. */
    static PathKind pathKind(SocketModel.Decisions d, boolean proxied) {
        boolean synDirect = d.syn() != Transport.CATO;
        boolean helloDirect = d.hello() != Transport.CATO;
        if (synDirect) {
            return PathKind.DIRECT_ON_SYN;
        }
        if (helloDirect) {
            return proxied ? PathKind.SWITCH_AFTER_PROXY : PathKind.SWITCH_AFTER_PASSTHROUGH;
        }
        return proxied ? PathKind.CLOUD_PROXIED : PathKind.CLOUD_PASSTHROUGH;
    }

    private static String rules(List<RuleRef> rules) {
        List<String> names = new ArrayList<>();
        for (RuleRef r : rules) {
            names.add(r.toString());
        }
        return String.join(", ", names);
    }

    /**
     * One stub per destination host: the ports its probes use, and for its certificate the names
     * the probes ask for, then the catalog's domains (so any other client a user runs by hand
     * there gets a valid certificate too), at most the certificate's limit.
     */
    static List<LabLauncher.Stub> stubs(List<Scenario> scenarios, LabFile lab) {
        Map<String, Set<Integer>> ports = new LinkedHashMap<>();
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            ports.computeIfAbsent(s.route().serverHost(), h -> new LinkedHashSet<>()).add(s.route().port());
            names.computeIfAbsent(s.route().serverHost(), h -> new LinkedHashSet<>()).add(s.route().serverName());
        }
        List<LabLauncher.Stub> out = new ArrayList<>();
        for (Map.Entry<String, Set<Integer>> e : ports.entrySet()) {
            Set<String> certNames = names.get(e.getKey());
            for (Application app : lab.applications()) {
                for (DomainPattern d : app.domains()) {
                    if (certNames.size() < MAX_CERT_NAMES && certificateName(d.toString())) {
                        certNames.add(d.toString());
                    }
                }
            }
            out.add(new LabLauncher.Stub(e.getKey(), List.copyOf(e.getValue()), List.copyOf(certNames)));
        }
        return out;
    }

    static final int MAX_CERT_NAMES = io.wanlab.server.ca.SubjectNames.MAX_NAMES;

    /** Whether a stub's certificate can carry the name (lower-case DNS labels, optional leading wildcard). */
    static boolean certificateName(String name) {
        return LabLauncher.Stub.certificateName(name);
    }
}
