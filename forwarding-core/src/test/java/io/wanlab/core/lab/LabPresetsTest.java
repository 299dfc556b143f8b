package io.wanlab.core.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabPresetsTest {

    record Expected(String preset, Transport direct, boolean complexFirst) {
    }

    static Stream<Expected> presets() {
        return Stream.of(
                new Expected("bug", Transport.OFF_CLOUD, true),
                new Expected("fixed", Transport.OFF_CLOUD, false),
                new Expected("bug-alt-wan", Transport.ALT_WAN, true),
                new Expected("fixed-alt-wan", Transport.ALT_WAN, false));
    }

    @Test
    void namesListsTheFailureAndItsFixes() {
        assertThat(LabPresets.names()).containsExactly("bug", "fixed", "bug-alt-wan", "fixed-alt-wan");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("presets")
    void presetHasTheSeedTopology(Expected e) {
        LabFile lab = LabPresets.load(e.preset());

        assertThat(lab.name()).isEqualTo("seed-" + e.preset());
        assertThat(lab.account().tlsInspection()).as("the failure needs TLS inspection on").isTrue();
        assertThat(lab.sites()).extracting(Site::name, Site::subnets, Site::socket).containsExactly(
                tuple("site-a", List.of(Ipv4Prefix.parse("198.18.1.0/24")), "socket-a"),
                tuple("site-b", List.of(Ipv4Prefix.parse("198.18.2.0/24")), "socket-b"));
        assertThat(lab.links()).extracting(LinkSpec::name, LinkSpec::kind, LinkSpec::from, LinkSpec::to).containsExactly(
                tuple("cato-a", LinkKind.CATO, "socket-a", "pop"),
                tuple("cato-b", LinkKind.CATO, "socket-b", "pop"),
                tuple("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b"),
                tuple("alt-wan", LinkKind.ALT_WAN, "socket-a", "socket-b"));
        assertThat(lab.siteOf(Ipv4.parse("198.18.2.10"))).map(Site::name).contains("site-b");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("presets")
    void presetOrdersTheComplexAndSimpleRules(Expected e) {
        LabFile lab = LabPresets.load(e.preset());

        List<NetworkRule> rules = lab.rules();
        assertThat(rules).hasSize(2);
        NetworkRule complex = e.complexFirst() ? rules.get(0) : rules.get(1);
        NetworkRule simple = e.complexFirst() ? rules.get(1) : rules.get(0);
        assertThat(rules.get(0).isComplex()).as("rule #1 is complex exactly in the failing presets")
                .isEqualTo(e.complexFirst());
        assertThat(complex.isComplex()).isTrue();
        assertThat(complex.name()).isEqualTo("CRM over Cato");
        assertThat(complex.applications()).as("the complex rule must name crm only").containsExactly("crm");
        assertThat(complex.primary()).isEqualTo(Transport.CATO);
        assertThat(simple.isComplex()).isFalse();
        assertThat(simple.primary()).isEqualTo(e.direct());
        assertThat(simple.secondary()).isEqualTo(Transport.CATO);
        for (NetworkRule rule : rules) {
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.source()).containsExactly(new EndpointMatch.SiteRef("site-a"));
            assertThat(rule.destination()).containsExactly(new EndpointMatch.SiteRef("site-b"));
            assertThat(rule.service()).isEqualTo(Service.ANY);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("presets")
    void theLabClientsNameMissesTheComplexRulesApplication(Expected e) {
        LabFile lab = LabPresets.load(e.preset());

        Application crm = lab.application("crm").orElseThrow();
        Application web = lab.application("intranet-web").orElseThrow();
        assertThat(crm.category()).isEqualTo("business");
        assertThat(web.category()).isEqualTo("web");
        assertThat(crm.matchesHost("app.site-b.lab")).as("app.site-b.lab must not match rule #1").isFalse();
        assertThat(web.matchesHost("app.site-b.lab")).isTrue();
        assertThat(crm.matchesHost("crm.site-b.lab")).isTrue();
        assertThat(crm.matchesHost("eu.crm.site-b.lab")).isTrue();
    }

    @Test
    void locationsNameThePreset() {
        NetworkRule first = LabPresets.load("bug").rules().getFirst();

        assertThat(first.location().file()).isEqualTo("<preset bug>");
        assertThat(first.location().line()).as("a real line of the resource").isPositive();
    }

    @Test
    void everyPresetResourceIsListed() throws IOException, URISyntaxException {
        URL dir = LabPresets.class.getResource("presets");
        assertThat(dir).isNotNull();
        // Tests run from target/classes, a directory; inside a jar the list is all there is.
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", "")))
                    .containsExactlyInAnyOrderElementsOf(LabPresets.names());
        }
    }

    @Test
    void unknownPresetNamesTheChoices() {
        assertThatThrownBy(() -> LabPresets.load("fixd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preset: 'fixd', did you mean 'fixed'? (expected: one of bug, fixed, bug-alt-wan, fixed-alt-wan)");
    }

    @Test
    void presetNameIsNeverUsedAsAPath() {
        assertThatThrownBy(() -> LabPresets.load("../presets/bug"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: one of bug");
    }
}
