package io.wanlab.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.EndpointMatch;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.PortRange;
import io.wanlab.core.lab.Protocol;
import io.wanlab.core.lab.Service;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int TCP = 6;

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(value = Transport.class, names = {"OFF_CLOUD", "ALT_WAN"})
    void bugRulebaseLeavesTheSynUndecidedThenSwitchesToTheDirectLink(Transport direct) {
        RuleEngine engine = RuleEngine.compile(TestLabs.bug(direct));

        Decision first = engine.evaluateFirst(CLIENT, SERVER, TCP, 40000, 443);
        assertThat(first).as("the complex rule on top blocks a decision on the SYN")
                .isInstanceOf(Decision.Undecided.class);
        assertThat(first.ruleIndex()).isZero();

        Decision.Decided after = engine.reevaluate(CLIENT, SERVER, TCP, 40000, 443, "intranet-web", null, "app.site-b.lab");
        assertThat(after.ruleIndex()).as("rule #2, the simple one, decides after the ClientHello").isEqualTo(1);
        assertThat(after.transport()).isEqualTo(direct);
        assertThat(RuleEngine.switches(Transport.CATO, after)).isTrue();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(value = Transport.class, names = {"OFF_CLOUD", "ALT_WAN"})
    void fixedRulebaseDecidesOnTheSyn(Transport direct) {
        RuleEngine engine = RuleEngine.compile(TestLabs.fixed(direct));

        Decision first = engine.evaluateFirst(CLIENT, SERVER, TCP, 40000, 443);

        assertThat(first).isEqualTo(new Decision.Decided(0, TestLabs.simpleDirect(direct).name(), direct, Transport.CATO));
    }

    @Test
    void applicationNamedByTheComplexRuleStaysOnCato() {
        RuleEngine engine = RuleEngine.compile(TestLabs.bug(Transport.OFF_CLOUD));

        Decision.Decided byName = engine.reevaluate(CLIENT, SERVER, TCP, 40000, 443, "crm", null, "crm.site-b.lab");
        Decision.Decided bySniOnly = engine.reevaluate(CLIENT, SERVER, TCP, 40000, 443, "crm", null, null);

        assertThat(byName.ruleIndex()).isZero();
        assertThat(byName.transport()).isEqualTo(Transport.CATO);
        assertThat(bySniOnly).isSameAs(byName);
        assertThat(RuleEngine.switches(Transport.CATO, byName)).isFalse();
    }

    @Test
    void identificationThatGaveUpFallsThroughComplexRules() {
        RuleEngine engine = RuleEngine.compile(TestLabs.bug(Transport.OFF_CLOUD));

        Decision.Decided d = engine.reevaluate(CLIENT, SERVER, TCP, 40000, 443, null, null, null);

        assertThat(d.ruleIndex()).isEqualTo(1);
    }

    @Test
    void domainAndCategoryCriteriaMatchLikeTheVendorsAppCategoryField() {
        NetworkRule byDomain = new NetworkRule("domains", true, List.of(), List.of(), Service.ANY, List.of(), List.of(),
                List.of(new io.wanlab.core.lab.DomainPattern("*.example.com")), Transport.ALT_WAN, Transport.NONE, Location.BUILT_IN);
        NetworkRule byCategory = new NetworkRule("web", true, List.of(), List.of(), Service.ANY, List.of(), List.of("web"),
                List.of(), Transport.OFF_CLOUD, Transport.NONE, Location.BUILT_IN);
        RuleEngine engine = RuleEngine.compile(TestLabs.lab(true, List.of(byDomain, byCategory)));

        assertThat(engine.reevaluate(CLIENT, SERVER, TCP, 1, 443, null, null, "WWW.Example.COM.").ruleIndex()).isZero();
        assertThat(engine.reevaluate(CLIENT, SERVER, TCP, 1, 443, null, null, "example.com").ruleIndex())
                .as("a wildcard does not match the bare suffix").isEqualTo(-1);
        assertThat(engine.reevaluate(CLIENT, SERVER, TCP, 1, 443, "intranet-web", null, "app.site-b.lab").ruleIndex())
                .as("the category comes from the catalog").isEqualTo(1);
    }

    @Test
    void disabledRulesAreSkippedAndNothingMatchingMeansDefaultCato() {
        NetworkRule disabled = new NetworkRule("off", false, List.of(), List.of(), Service.ANY, List.of(), List.of(), List.of(),
                Transport.ALT_WAN, Transport.NONE, Location.BUILT_IN);
        RuleEngine engine = RuleEngine.compile(TestLabs.lab(true, List.of(disabled)));

        Decision d = engine.evaluateFirst(CLIENT, SERVER, TCP, 1, 443);

        assertThat(d).isInstanceOf(Decision.Decided.class);
        assertThat(((Decision.Decided) d).isDefault()).isTrue();
        assertThat(((Decision.Decided) d).transport()).isEqualTo(Transport.CATO);
        assertThat(engine.size()).isZero();
    }

    @Test
    void portsOnlyMatchTcpAndUdp() {
        NetworkRule https = new NetworkRule("https", true, List.of(), List.of(), new Service(Protocol.ANY, List.of()), List.of(),
                List.of(), List.of(), Transport.ALT_WAN, Transport.NONE, Location.BUILT_IN);
        NetworkRule tcp443 = new NetworkRule("tcp443", true, List.of(), List.of(),
                new Service(Protocol.TCP, List.of(PortRange.single(443))), List.of(), List.of(), List.of(),
                Transport.OFF_CLOUD, Transport.NONE, Location.BUILT_IN);
        RuleEngine engine = RuleEngine.compile(TestLabs.lab(true, List.of(tcp443, https)));

        assertThat(engine.evaluateFirst(CLIENT, SERVER, TCP, 1, 443).ruleIndex()).isZero();
        assertThat(engine.evaluateFirst(CLIENT, SERVER, 1, 0, 0).ruleIndex()).as("ICMP skips the port rule").isEqualTo(1);
        assertThat(engine.evaluateFirst(CLIENT, SERVER, 17, 1, 443).ruleIndex()).as("UDP is not TCP").isEqualTo(1);
    }

    @Test
    void explanationSaysWhichRulesWereSkippedAndWhy() {
        NetworkRule elsewhere = new NetworkRule("elsewhere", true, List.of(), List.of(new EndpointMatch.Subnet(Ipv4Prefix.parse("198.19.0.0/16"))),
                Service.ANY, List.of(), List.of(), List.of(), Transport.ALT_WAN, Transport.NONE, Location.BUILT_IN);
        RuleEngine engine = RuleEngine.compile(TestLabs.lab(true, List.of(elsewhere, TestLabs.complexCrm(),
                TestLabs.simpleDirect(Transport.OFF_CLOUD))));

        Explanation first = engine.explain(CLIENT, SERVER, TCP, 40000, 443, false, null, null, null);
        Explanation later = engine.explain(CLIENT, SERVER, TCP, 40000, 443, true, "intranet-web", null, "app.site-b.lab");

        assertThat(first.lines()).hasSize(2);
        assertThat(first.lines().get(0)).contains("rule #1 'elsewhere'", "skipped", "destination 198.18.2.10 not in");
        assertThat(first.lines().get(1)).contains("rule #2", "complex", "undecided");
        assertThat(first.decision()).isEqualTo(engine.evaluateFirst(CLIENT, SERVER, TCP, 40000, 443));
        assertThat(later.lines().get(1)).contains("rule #2", "intranet-web", "does not match applications [crm]");
        assertThat(later.lines().get(2)).contains("rule #3", "matches (simple) -> off-cloud");
        assertThat(later.decision()).isEqualTo(engine.reevaluate(CLIENT, SERVER, TCP, 40000, 443, "intranet-web", null, "app.site-b.lab"));
    }

    @Test
    void unknownSiteIsAClearError() {
        NetworkRule bad = new NetworkRule("bad", true, List.of(new EndpointMatch.SiteRef("site-z")), List.of(), Service.ANY,
                List.of(), List.of(), List.of(), Transport.ALT_WAN, Transport.NONE, Location.BUILT_IN);

        assertThatThrownBy(() -> RuleEngine.compile(TestLabs.lab(true, List.of(bad))))
                .hasMessageContaining("site 'site-z'").hasMessageContaining("expected");
    }
}
