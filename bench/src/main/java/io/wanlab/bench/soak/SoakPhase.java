package io.wanlab.bench.soak;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration the soak reloads the lab into, with the connections it makes there: the seed's
 * scenarios grouped by their lab configuration, so that across the phases every path of the seed's
 * lab carries new TLS connections (direct over Off-Cloud and Alt-WAN decided on the SYN, through
 * the PoP's proxy with TLS inspection, through the PoP without it, the switch after a
 * pass-through) and the seed's own failures (the reset, the untrusted inspection CA) keep being
 * made and must keep failing exactly as predicted.
 */
record SoakPhase(String name, LabSpec spec, List<Scenario> probes) {
    SoakPhase {
        probes = List.copyOf(probes);
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("phase " + name + ": no connection to make");
        }
    }

    /** The seed's phases, in the order the soak cycles through them. */
    static List<SoakPhase> seed() {
        Map<LabSpec, List<Scenario>> bySpec = new LinkedHashMap<>();
        for (Scenario s : Scenario.seed()) {
            bySpec.computeIfAbsent(s.spec(), k -> new ArrayList<>()).add(s);
        }
        // The seed has no scenario for the application on cato with inspection off: the PoP routes it through unproxied.
        LabSpec inspectionOff = new LabSpec("bug", "off", "off-cloud");
        Scenario crm = Scenario.seed().stream().filter(s -> s.name().equals("app-on-cloud")).findFirst().orElseThrow();
        bySpec.computeIfAbsent(inspectionOff, k -> new ArrayList<>()).add(new Scenario("app-on-cloud-inspection-off", "",
                inspectionOff, crm.route(), Scenario.PathKind.CLOUD_PASSTHROUGH, "cato",
                "the complex rule's application with TLS inspection off: on cato, through the PoP unproxied", crm.rules()));
        List<SoakPhase> phases = new ArrayList<>();
        bySpec.forEach((spec, probes) -> phases.add(new SoakPhase(label(spec), spec, probes)));
        // Start where every connection should work: the fixed rulebase.
        phases.sort((a, b) -> Boolean.compare(!a.spec().rules().equals("fixed"), !b.spec().rules().equals("fixed")));
        return List.copyOf(phases);
    }

    private static String label(LabSpec spec) {
        return spec.rules() + (spec.direct() == null ? "" : "/" + spec.direct())
                + ("off".equals(spec.tlsInspection()) ? "/inspection-off" : "");
    }
}
