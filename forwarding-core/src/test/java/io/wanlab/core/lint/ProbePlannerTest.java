package io.wanlab.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbePlannerTest {
    private static final Set<Integer> PORTS = Account.DEFAULT_PROXIED_PORTS;

    private static Probe probe(LabFile lab, String sni) {
        return new Probe("p", ProbeKind.RULE, "site-a", Ipv4.parse("198.18.1.10"), "site-b", Ipv4.parse("198.18.2.10"),
                io.wanlab.core.lab.Protocol.TCP, 443, sni, false, List.of());
    }

    @Test
    void bugResetsOtherApplicationsAndKeepsCrm() {
        LabFile bug = LabPresets.load("bug");
        Prediction app = FlowPredictor.predict(bug, probe(bug, "app.site-b.lab"), PORTS);
        assertThat(app.outcome()).isEqualTo(Outcome.RESET);
        assertThat(app.synDecision()).isEqualTo("#1 \"CRM over Cato\" (undecided)");
        assertThat(app.finalRule().position()).isEqualTo(2);
        assertThat(app.path()).isEqualTo("SYN: cato > pop (proxy answers); ClientHello: off-cloud");
        assertThat(FlowPredictor.predict(bug, probe(bug, "crm.site-b.lab"), PORTS).outcome()).isEqualTo(Outcome.OK);
        assertThat(FlowPredictor.predict(bug, probe(bug, "app.site-b.lab"), Set.of(8443)).outcome())
                .as("port 443 not proxied: the SYN reached the server").isEqualTo(Outcome.OK);
        assertThat(FlowPredictor.predict(bug.withAccount(new Account(false)), probe(bug, "app.site-b.lab"), PORTS).outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void fixedKeepsBoth() {
        LabFile fixed = LabPresets.load("fixed");
        for (String sni : List.of("app.site-b.lab", "crm.site-b.lab")) {
            Prediction p = FlowPredictor.predict(fixed, probe(fixed, sni), PORTS);
            assertThat(p.outcome()).as(sni).isEqualTo(Outcome.OK);
            assertThat(p.synUndecided()).isFalse();
            assertThat(p.path()).isEqualTo("SYN: off-cloud; ClientHello: off-cloud");
        }
    }

    @Test
    void bugProbesShowTheHazardBothWays() {
        LabFile bug = LabPresets.load("bug");
        List<Probe> probes = ProbePlanner.probes(bug);
        List<Probe> finding = probes.stream().filter(p -> p.kind() == ProbeKind.FINDING).toList();
        assertThat(finding).extracting(Probe::sni, Probe::sniInApplication)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("other.site-b.lab", false),
                        org.assertj.core.groups.Tuple.tuple("crm.site-b.lab", true));
        assertThat(finding).allSatisfy(p -> {
            assertThat(Ipv4.format(p.sourceAddress())).isEqualTo("198.18.1.10");
            assertThat(Ipv4.format(p.destinationAddress())).isEqualTo("198.18.2.10");
            assertThat(p.port()).isEqualTo(443);
        });
        assertThat(finding).extracting(p -> FlowPredictor.predict(bug, p, PORTS).outcome())
                .containsExactly(Outcome.RESET, Outcome.OK);
        assertThat(probes).as("both rule probes are the finding's connections, deduplicated").hasSize(2);
        assertThat(ProbePlanner.probes(LabPresets.load("fixed"))).allSatisfy(
                p -> assertThat(FlowPredictor.predict(LabPresets.load("fixed"), p, PORTS).outcome()).isEqualTo(Outcome.OK));
    }

    @Test
    void docsExampleRecordsWhatItCannotProbe() {
        LabFile lab = new LabFileLoader().parse("example.yaml", LintLabs.docExample());
        ProbePlan plan = ProbePlanner.plan(lab, PORTS);
        assertThat(plan.notConstructible()).as("rule #1's destination 198.18.3.10-19 holds site-c's host, its source "
                + "198.18.1.0/25 site-a's").isEmpty();
        Probe inside = plan.probes().stream().filter(p -> p.kind() == ProbeKind.FINDING && p.sniInApplication()).findFirst()
                .orElseThrow();
        assertThat(inside.sni()).isEqualTo("crm.site-b.lab");
        LabFile narrow = LintLabs.lab("""
                  - name: One other host
                    destination: [{host: 198.18.2.99}]
                    primary: cato
                """);
        assertThat(ProbePlanner.plan(narrow, PORTS).notConstructible()).singleElement().asString()
                .contains("#1 \"One other host\"").contains("no pair of site hosts");
    }
}
