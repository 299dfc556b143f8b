package io.wanlab.core.lab;

import static io.wanlab.core.lab.LabFileFixtures.BASE;
import static io.wanlab.core.lab.LabFileFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabFileLoaderTest {
    private static final LabFileLoader LOADER = new LabFileLoader();

    @TempDir
    Path dir;

    @Test
    void loadsAFileAndNamesItInLocations() throws IOException {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, BASE);

        LabFile lab = LOADER.load(file);

        assertThat(lab.name()).isEqualTo("test-lab");
        assertThat(lab.sites().getFirst().location()).isEqualTo(new Location(file.toString(), 5, 5));
        assertThat(lab.links().getFirst().location()).isEqualTo(new Location(file.toString(), 12, 5));
        assertThat(lab.applications().getFirst().location()).isEqualTo(new Location(file.toString(), 17, 5));
        assertThat(lab.rules().get(1).location()).isEqualTo(new Location(file.toString(), 27, 5));
    }

    @Test
    void identificationLimitsDefaultWhenAbsentAndEachBoundDefaultsOnItsOwn() {
        assertThat(LOADER.parse("lab.yaml", BASE).identification()).isEqualTo(IdentificationLimits.DEFAULTS);

        LabFile both = LOADER.parse("lab.yaml", edit(BASE, "name: test-lab\n",
                "name: test-lab\nidentification:\n  maxPackets: 6\n  maxBytes: 900\n"));
        LabFile packetsOnly = LOADER.parse("lab.yaml", edit(BASE, "name: test-lab\n",
                "name: test-lab\nidentification: {maxPackets: 6}\n"));

        assertThat(both.identification()).isEqualTo(new IdentificationLimits(6, 900));
        assertThat(packetsOnly.identification())
                .isEqualTo(new IdentificationLimits(6, IdentificationLimits.DEFAULT_MAX_BYTES));
        assertThat(both.withAccount(new Account(false)).withRules(List.of()).identification())
                .as("changing other parts keeps the limits").isEqualTo(new IdentificationLimits(6, 900));
    }

    @Test
    void readsEveryKindOfValue() {
        LabFile lab = LOADER.parse("lab.yaml", BASE);

        NetworkRule complex = lab.rules().get(0);
        assertThat(complex.source()).as("'any' loads as one Any").containsExactly(new EndpointMatch.Any());
        assertThat(complex.service()).isEqualTo(new Service(Protocol.TCP,
                List.of(PortRange.single(443), new PortRange(8000, 8080))));
        assertThat(complex.applications()).containsExactly("crm");
        assertThat(complex.isComplex()).isTrue();
        assertThat(complex.secondary()).as("secondary defaults to none").isEqualTo(Transport.NONE);
        assertThat(complex.enabled()).as("enabled defaults to true").isTrue();
        NetworkRule simple = lab.rules().get(1);
        assertThat(simple.destination()).containsExactly(
                new EndpointMatch.Subnet(Ipv4Prefix.parse("198.18.2.0/24")),
                new EndpointMatch.Host(Ipv4.parse("198.18.2.10")),
                new EndpointMatch.IpRange(Ipv4.parse("198.18.2.20"), Ipv4.parse("198.18.2.29")));
        assertThat(simple.service()).as("service defaults to any").isEqualTo(Service.ANY);
        assertThat(simple.primary()).isEqualTo(Transport.OFF_CLOUD);
        assertThat(simple.secondary()).isEqualTo(Transport.CATO);
        assertThat(lab.applications().getFirst().domains()).extracting(DomainPattern::pattern)
                .containsExactly("crm.site-b.lab", "*.crm.site-b.lab");
    }

    @Test
    void optionalSectionsMayBeAbsentOrEmpty() {
        String yaml = edit(BASE,
                "applications:\n  - name: crm\n    category: business\n    domains: [crm.site-b.lab, \"*.crm.site-b.lab\"]\n", "",
                "    applications: [crm]\n", "");
        String noRules = yaml.substring(0, yaml.indexOf("rules:")) + "rules: []\n";

        LabFile lab = LOADER.parse("lab.yaml", noRules);

        assertThat(lab.applications()).isEmpty();
        assertThat(lab.rules()).as("an empty rulebase is allowed").isEmpty();
    }

    @Test
    void acceptsAByteOrderMarkAndBooleansInAnyCase() {
        LabFile lab = LOADER.parse("lab.yaml", "\uFEFF" + edit(BASE, "tlsInspection: true", "tlsInspection: FALSE"));

        assertThat(lab.account().tlsInspection()).isFalse();
    }

    @Test
    void quotedAnyIsStillAny() {
        LabFile lab = LOADER.parse("lab.yaml", edit(BASE, "    source: any\n", "    source: 'any'\n",
                "    service: {protocol: tcp, ports: [443, 8000-8080]}\n", "    service: \"any\"\n"));

        assertThat(lab.rules().getFirst().source()).containsExactly(new EndpointMatch.Any());
        assertThat(lab.rules().getFirst().service()).isEqualTo(Service.ANY);
    }

    @Test
    void missingFileIsALabFileException() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> LOADER.load(missing))
                .isInstanceOf(LabFileException.class)
                .hasMessage(missing + ": file: no such file (expected: a readable lab file)");
    }

    @Test
    void directoryIsALabFileException() {
        assertThatThrownBy(() -> LOADER.load(dir))
                .isInstanceOf(LabFileException.class)
                .hasMessageStartingWith(dir + ": file: cannot read")
                .hasMessageEndingWith("(expected: a readable lab file)");
    }

    @Test
    void fileOverTheLimitIsRefusedUnparsed() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[LabFileLoader.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> LOADER.load(big))
                .isInstanceOf(LabFileException.class)
                .hasMessage(big + ": file: larger than 1048576 bytes (expected: a lab file of ordinary size)");
    }

    @Test
    void fileThatIsNotUtf8IsALabFileException() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> LOADER.load(latin1))
                .isInstanceOf(LabFileException.class)
                .hasMessage(latin1 + ": file: not UTF-8 text (expected: a YAML file in UTF-8)");
    }

    @Test
    void fileProblemsCarryTheFileLocation() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, edit(BASE, "tlsInspection: true", "tlsInspection: maybe"));

        assertThatThrownBy(() -> LOADER.load(file))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems().getFirst().location())
                        .isEqualTo(new Location(file.toString(), 3, 18)));
    }

    @Test
    void publicEntryPointsRejectNull() {
        assertThatThrownBy(() -> LOADER.load(null)).isInstanceOf(NullPointerException.class).hasMessage("file");
        assertThatThrownBy(() -> LOADER.parse(null, "")).isInstanceOf(NullPointerException.class)
                .hasMessage("sourceName");
        assertThatThrownBy(() -> LOADER.parse("x", null)).isInstanceOf(NullPointerException.class).hasMessage("yaml");
    }

    @Test
    void exceptionNeedsAtLeastOneProblem() {
        assertThatThrownBy(() -> new LabFileException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
