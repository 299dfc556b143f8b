package io.wanlab.bench.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.bench.repro.Scenario.PathKind;
import io.wanlab.bench.repro.ScenarioResult;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lint.LabLint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What verify plans to run, without a lab: probes per phase, their paths from the real decision code, the stubs. */
class VerifyPlanTest {
    static final Path BRANCH = Path.of("..", "docs", "examples", "branch-offices.yaml");
    static final Path CLEAN = Path.of("..", "docs", "examples", "two-sites-clean.yaml");

    static VerifyPlan planWithLintFix(LabFile lab, LabSpec spec) {
        LabFile fixed = LabLint.fix(lab, Account.DEFAULT_PROXIED_PORTS);
        return VerifyPlan.of(lab, spec, fixed == lab ? null : fixed, fixed == lab ? null : new LabSpec("fixed.yaml", null, null),
                Account.DEFAULT_PROXIED_PORTS);
    }

    private static Scenario find(VerifyPlan plan, String phase, String sni) {
        return plan.scenarios().stream().filter(s -> s.phase().equals(phase) && s.route().serverName().equals(sni)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " probe for " + sni + " in " + plan.scenarios()));
    }

    @Test
    void theSeedsBugPredictsTheResetBeforeAndNoneAfterTheReorder() {
        VerifyPlan plan = planWithLintFix(LabPresets.load("bug"), new LabSpec("bug", null, null));

        assertThat(plan.disagreements()).isEmpty();
        assertThat(plan.hasAfter()).isTrue();
        Scenario outside = plan.scenarios().stream().filter(s -> s.phase().equals("before") && s.expect() == Scenario.Expect.RESET)
                .findFirst().orElseThrow();
        assertThat(outside.path()).isEqualTo(PathKind.SWITCH_AFTER_PROXY);
        assertThat(outside.direct()).isEqualTo("off-cloud");
        assertThat(outside.route().clientHost()).isEqualTo("client");
        assertThat(outside.route().serverHost()).isEqualTo("server");
        assertThat(find(plan, "before", "crm.site-b.lab").path()).isEqualTo(PathKind.CLOUD_PROXIED);
        assertThat(plan.scenarios()).filteredOn(s -> s.phase().equals("after")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.expect()).isEqualTo(Scenario.Expect.OK));
        assertThat(plan.stubs()).singleElement().satisfies(stub -> {
            assertThat(stub.host()).isEqualTo("server");
            assertThat(stub.ports()).containsExactly(443);
            assertThat(stub.names()).contains(outside.route().serverName(), "crm.site-b.lab", "*.crm.site-b.lab");
        });
    }

    @Test
    void tlsInspectionOffPredictsAPassThroughAndNoReset() {
        LabFile lab = LabPresets.load("bug").withAccount(new Account(false));
        VerifyPlan plan = VerifyPlan.of(lab, new LabSpec("bug", "off", null), null, null, Account.DEFAULT_PROXIED_PORTS);

        assertThat(plan.scenarios()).noneMatch(s -> s.expect() == Scenario.Expect.RESET);
        assertThat(plan.scenarios()).anyMatch(s -> s.path() == PathKind.SWITCH_AFTER_PASSTHROUGH);
        assertThat(plan.scenarios()).anyMatch(s -> s.path() == PathKind.CLOUD_PASSTHROUGH);
        assertThat(plan.hasAfter()).isFalse();
    }

    @Test
    void aThreeSiteLabOnOtherSubnetsGetsRoutesBetweenItsOwnHosts() {
        LabFile lab = new LabFileLoader().load(BRANCH);
        VerifyPlan plan = planWithLintFix(lab, new LabSpec(BRANCH.toString(), null, null));

        assertThat(plan.disagreements()).isEmpty();
        Scenario reset = plan.scenarios().stream().filter(s -> s.expect() == Scenario.Expect.RESET).collect(
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                    assertThat(l).hasSize(1);
                    return l.getFirst();
                }));
        assertThat(reset.phase()).isEqualTo("before");
        assertThat(reset.route().clientAddrText()).isEqualTo("198.18.10.10");
        assertThat(reset.route().serverAddrText()).isEqualTo("198.18.30.10");
        assertThat(reset.route().clientSocket()).isEqualTo("sock-hq");
        assertThat(reset.route().serverSocket()).isEqualTo("sock-dc");
        assertThat(reset.route().popLinks()).containsExactly("cato-hq", "cato-dc");
        assertThat(reset.rules()).contains("#1 \"ERP over Cato\"", "#2 \"HQ to DC over Internet\"");
        Scenario mpls = plan.scenarios().stream().filter(s -> s.phase().equals("before") && s.route().serverHost().equals("host-branch"))
                .findFirst().orElseThrow();
        assertThat(mpls.path()).isEqualTo(PathKind.DIRECT_ON_SYN);
        assertThat(mpls.direct()).isEqualTo("alt-wan");
        assertThat(plan.stubs()).extracting(LabLauncher.Stub::host).containsExactlyInAnyOrder("server", "host-branch");
    }

    @Test
    void aCleanLabHasNoAfterPhaseAndNoReset() {
        LabFile lab = new LabFileLoader().load(CLEAN);
        assertThat(LabLint.fix(lab, Account.DEFAULT_PROXIED_PORTS).rules()).isEqualTo(lab.rules());

        VerifyPlan plan = planWithLintFix(lab, new LabSpec(CLEAN.toString(), null, null));

        assertThat(plan.hasAfter()).isFalse();
        assertThat(plan.scenarios()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.phase()).isEqualTo("before");
            assertThat(s.expect()).isEqualTo(Scenario.Expect.OK);
        });
        assertThat(plan.scenarios().getFirst().route().serverAddrText()).isEqualTo("198.18.200.10");
    }

    @Test
    void aFixThatChangesTheTopologyIsRefused() {
        LabFile bug = LabPresets.load("bug");
        LabFile other = new LabFileLoader().load(CLEAN);

        assertThatThrownBy(() -> VerifyPlan.of(bug, new LabSpec("bug", null, null), other, new LabSpec(CLEAN.toString(), null, null),
                Account.DEFAULT_PROXIED_PORTS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other sites or links");
    }

    private static ScenarioResult result(String name, String phase, String expected, String observed) {
        return new ScenarioResult(name, "curl", expected, observed, true, "", List.of(), 1, List.of(), phase, "", "", List.of());
    }

    @Test
    void theVerdictFailsWhenTheFixLeavesAResetOrBreaksAFlowThatWorked() {
        VerifyVerdict verdict = new VerifyVerdict(List.of());
        List<ScenarioResult> good = List.of(result("probe-1", "before", "reset", "reset-during-handshake (x)"),
                result("probe-2", "before", "ok", "ok (200, 5 B)"), result("probe-1", "after", "ok", "ok (200, 5 B)"),
                result("probe-2", "after", "ok", "ok (200, 5 B)"));
        assertThat(verdict.failures(good)).isEmpty();
        assertThat(verdict.passLine(good)).contains("the reset reproduces for probe-1 and the fix removes it");

        List<ScenarioResult> leftReset = List.of(result("probe-1", "before", "reset", "reset-during-handshake (x)"),
                result("probe-1", "after", "reset", "reset-during-handshake (x)"));
        assertThat(verdict.failures(leftReset)).singleElement().asString().contains("the fix leaves a reset: probe-1");

        List<ScenarioResult> broke = List.of(result("probe-2", "before", "ok", "ok (200, 5 B)"),
                result("probe-2", "after", "ok", "timeout (no answer)"));
        assertThat(verdict.failures(broke)).singleElement().asString().contains("the fix breaks a flow that worked: probe-2");

        assertThat(new VerifyVerdict(List.of("probe-9 (before): x")).failures(good)).singleElement().asString()
                .contains("disagreement");
    }
}
