package io.wanlab.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LabPresets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabLintTest {
    private static final String C = """
              - name: CRM over Cato
                source: [{site: site-a}]
                destination: [{site: site-b}]
                applications: [crm]
                primary: cato
            """;
    private static final String S = """
              - name: A to B direct
                source: [{site: site-a}]
                destination: [{site: site-b}]
                primary: off-cloud
                secondary: cato
            """;

    static Stream<Arguments> rulebases() {
        return Stream.of(
                Arguments.of("preset bug", LabPresets.load("bug"), List.of("1>2")),
                Arguments.of("preset fixed", LabPresets.load("fixed"), List.of()),
                Arguments.of("preset bug-alt-wan", LabPresets.load("bug-alt-wan"), List.of("1>2")),
                Arguments.of("preset fixed-alt-wan", LabPresets.load("fixed-alt-wan"), List.of()),
                Arguments.of("docs three-site example", new LabFileLoader().parse("example.yaml", LintLabs.docExample()),
                        List.of("2>4")),
                Arguments.of("no rules", LintLabs.lab(""), List.of()),
                Arguments.of("TLS inspection off", LabPresets.load("bug").withAccount(new Account(false)), List.of()),
                Arguments.of("complex rule disabled", LintLabs.lab(C.replace("primary: cato", "primary: cato\n    enabled: false") + S),
                        List.of()),
                Arguments.of("simple rule disabled", LintLabs.lab(C + S.replace("secondary: cato", "secondary: cato\n    enabled: false")),
                        List.of()),
                Arguments.of("simple rule automatic", LintLabs.lab(C + S.replace("primary: off-cloud", "primary: automatic")),
                        List.of()),
                Arguments.of("overlapping subnets: /25 and a host in it",
                        LintLabs.lab(C.replace("{site: site-b}", "{subnet: 198.18.2.0/25}")
                                + S.replace("{site: site-b}", "{host: 198.18.2.10}")), List.of("1>2")),
                Arguments.of("disjoint subnets: upper /25 and a host below it",
                        LintLabs.lab(C.replace("{site: site-b}", "{subnet: 198.18.2.128/25}")
                                + S.replace("{site: site-b}", "{range: 198.18.2.10-198.18.2.20}")), List.of()),
                Arguments.of("complex rule on ports 8000-8080 only",
                        LintLabs.lab(C.replace("applications:", "service: {protocol: tcp, ports: [8000-8080]}\n    applications:") + S),
                        List.of()),
                Arguments.of("complex rule on ports 400-500",
                        LintLabs.lab(C.replace("applications:", "service: {protocol: tcp, ports: [400-500]}\n    applications:") + S),
                        List.of("1>2")),
                Arguments.of("simple rule on UDP",
                        LintLabs.lab(C + S.replace("primary: off-cloud", "service: {protocol: udp}\n    primary: off-cloud")), List.of()),
                Arguments.of("categories", LintLabs.lab(C.replace("applications: [crm]", "categories: [business]") + S),
                        List.of("1>2")),
                Arguments.of("domains", LintLabs.lab(C.replace("applications: [crm]", "domains: [\"*.crm.site-b.lab\"]") + S),
                        List.of("1>2")),
                Arguments.of("simple cato rule in between takes the traffic",
                        LintLabs.lab(C + S.replace("A to B direct", "A to B cato").replace("primary: off-cloud\n    secondary: cato",
                                "primary: cato") + S), List.of()),
                Arguments.of("two complex rules: the first one blocks",
                        LintLabs.lab(C + C.replace("CRM over Cato", "Web").replace("[crm]", "[intranet-web]") + S), List.of("1>3")),
                Arguments.of("sites on 198.18.10.0/24 and 198.18.30.0/24",
                        LintLabs.lab(true, "198.18.10.0/24", "198.18.30.0/24", C + S), List.of("1>2")),
                Arguments.of("traffic from B to A is not A to B",
                        LintLabs.lab(C.replace("source: [{site: site-a}]\n    destination: [{site: site-b}]",
                                "source: [{site: site-b}]\n    destination: [{site: site-a}]") + S), List.of()));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rulebases")
    void findsExactlyTheHazardousPairs(String name, LabFile lab, List<String> expected) {
        LintReport report = LabLint.lint(lab);
        List<String> pairs = report.ofKind(FindingKind.RESET_HAZARD).stream()
                .map(f -> f.rules().get(0).position() + ">" + f.rules().get(1).position()).toList();
        assertThat(pairs).as("hazardous pairs, complex>simple").containsExactlyElementsOf(expected);
    }

    @Test
    void proxiedPortsAreAParameter() {
        LabFile lab = LintLabs.lab(C.replace("applications:", "service: {protocol: tcp, ports: [8443]}\n    applications:") + S);
        assertThat(LabLint.lint(lab).ofKind(FindingKind.RESET_HAZARD)).isEmpty();
        assertThat(LabLint.lint(lab, Set.of(443, 8443)).ofKind(FindingKind.RESET_HAZARD)).hasSize(1);
    }

    @Test
    void hazardNamesTheTrafficTheApplicationsAndTheFix() {
        Finding f = LabLint.lint(LabPresets.load("bug")).ofKind(FindingKind.RESET_HAZARD).get(0);
        assertThat(f.rules()).extracting(RuleRef::toString)
                .containsExactly("#1 \"CRM over Cato\"", "#2 \"Site A to Site B over Off-Cloud\"");
        assertThat(f.traffic().sources()).containsExactly("site site-a");
        assertThat(f.traffic().destinations()).containsExactly("site site-b");
        assertThat(f.traffic().ports()).containsExactly("all ports");
        assertThat(f.traffic().proxiedPorts()).containsExactly(443);
        assertThat(f.traffic().affectedApplications()).containsExactly("intranet-web", "unidentified traffic");
        assertThat(f.traffic().unaffectedApplications()).containsExactly("crm");
        assertThat(f.fix()).contains("move #2 \"Site A to Site B over Off-Cloud\" just above #1 \"CRM over Cato\"")
                .contains("TLS inspection off");
    }

    @Test
    void docsExampleIsFixedByMovingRule4AboveRule2() {
        LabFile lab = new LabFileLoader().parse("example.yaml", LintLabs.docExample());
        FixPlan plan = LabLint.fixPlan(lab, Account.DEFAULT_PROXIED_PORTS);
        assertThat(plan.fixed().rules()).extracting(r -> r.name()).containsExactly("Backups over Alt-WAN",
                "Site A to Site B over Off-Cloud", "Business apps over Cato", "Wiki", "Ping anywhere");
        assertThat(plan.moves()).hasSize(1);
        assertThat(LabLint.lint(plan.fixed()).ofKind(FindingKind.RESET_HAZARD)).isEmpty();
        assertThat(LabLint.fix(LabPresets.load("fixed"))).as("no hazard: the same lab").isEqualTo(LabPresets.load("fixed"));
    }

    @Test
    void shadowedRules() {
        LabFile simple = LintLabs.lab(S + S.replace("A to B direct", "A to B again"));
        assertThat(LabLint.lint(simple).ofKind(FindingKind.SHADOWED)).singleElement()
                .satisfies(f -> assertThat(f.rules()).extracting(RuleRef::position).containsExactly(2, 1));
        LabFile complex = LintLabs.lab(C + C.replace("CRM over Cato", "CRM again"));
        assertThat(LabLint.lint(complex).ofKind(FindingKind.SHADOWED)).singleElement()
                .satisfies(f -> assertThat(f.rules()).extracting(RuleRef::position).containsExactly(2, 1));
        LabFile otherApp = LintLabs.lab(C + C.replace("CRM over Cato", "Web").replace("[crm]", "[intranet-web]"));
        assertThat(LabLint.lint(otherApp).ofKind(FindingKind.SHADOWED)).as("another application is not shadowed").isEmpty();
        assertThat(LabLint.lint(LabPresets.load("bug")).ofKind(FindingKind.SHADOWED)).isEmpty();
        LabFile narrower = LintLabs.lab(S + S.replace("A to B direct", "A to one host").replace("{site: site-b}", "{host: 198.18.2.10}"));
        assertThat(LabLint.lint(narrower).ofKind(FindingKind.SHADOWED)).hasSize(1);
    }

    @Test
    void domainConflicts() {
        String text = LintLabs.HEAD.formatted(true, "198.18.1.0/24", "198.18.2.0/24")
                .replace("  - {name: intranet-web, category: web, domains: [app.site-b.lab]}",
                        "  - {name: intranet-web, category: web, domains: [app.site-b.lab, x.crm.site-b.lab]}\n"
                                + "  - {name: all-b, domains: [\"*.site-b.lab\"]}") + "  []\n";
        LintReport report = LabLint.lint(new LabFileLoader().parse("d.yaml", text));
        assertThat(report.ofKind(FindingKind.DOMAIN_CONFLICT)).extracting(Finding::summary).satisfiesExactly(
                s -> assertThat(s).contains("crm (*.crm.site-b.lab) and intranet-web (x.crm.site-b.lab)"),
                s -> assertThat(s).contains("crm (crm.site-b.lab) and all-b (*.site-b.lab)"),
                s -> assertThat(s).contains("crm (*.crm.site-b.lab) and all-b (*.site-b.lab)"),
                s -> assertThat(s).contains("intranet-web (app.site-b.lab) and all-b"),
                s -> assertThat(s).contains("intranet-web (x.crm.site-b.lab) and all-b"));
        assertThat(LabLint.lint(LabPresets.load("bug")).ofKind(FindingKind.DOMAIN_CONFLICT)).isEmpty();
    }

    @Test
    void noLinkBetweenTheSitesSockets() {
        String text = LintLabs.docExample().replace("  - name: Ping anywhere",
                "  - name: Everything over Off-Cloud\n    primary: off-cloud\n  - name: Ping anywhere");
        LintReport report = LabLint.lint(new LabFileLoader().parse("x.yaml", text));
        assertThat(report.ofKind(FindingKind.NO_LINK)).singleElement().satisfies(f -> {
            assertThat(f.rules()).extracting(RuleRef::position).containsExactly(5);
            assertThat(f.summary()).contains("site-a (socket-a) to site-c (socket-c)").doesNotContain("site-a (socket-a) to site-b");
        });
        assertThat(LabLint.lint(new LabFileLoader().parse("e.yaml", LintLabs.docExample())).ofKind(FindingKind.NO_LINK)).isEmpty();
    }
}
