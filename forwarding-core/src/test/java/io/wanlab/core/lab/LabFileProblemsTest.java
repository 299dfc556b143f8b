package io.wanlab.core.lab;

import static io.wanlab.core.lab.LabFileFixtures.BASE;
import static io.wanlab.core.lab.LabFileFixtures.edit;
import static io.wanlab.core.lab.LabFileFixtures.locate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LabFileException.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken file has exactly one problem; the report must say where, which field and what was expected. */
class LabFileProblemsTest {
    private static final LabFileLoader LOADER = new LabFileLoader();

    record Broken(String name, String at, String field, String expected, String... edits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                // YAML itself
                new Broken("mapping inside a plain value", "source: any»: x", "yaml", "(expected: valid YAML)",
                        "    source: any\n", "    source: any: x\n"),
                new Broken("control character", "test»\u0007", "yaml", "U+0007 (expected: printable text)",
                        "name: test-lab", "name: test\u0007lab"),
                new Broken("two documents", "»---", "yaml", "expected a single document",
                        "    secondary: cato\n", "    secondary: cato\n---\nname: other\n"),
                // shape of fields
                new Broken("list for a boolean", "tlsInspection: »[true]", "account.tlsInspection",
                        "found a list (expected: true or false)", "tlsInspection: true", "tlsInspection: [true]"),
                new Broken("yes for a boolean", "tlsInspection: »yes", "account.tlsInspection",
                        "'yes' (expected: true or false)", "tlsInspection: true", "tlsInspection: yes"),
                new Broken("unknown top-level field", "»colour", "colour",
                        "unknown field 'colour' (expected: one of name, account, sites, links, applications, rules, identification, keepalive)",
                        "name: test-lab\n", "name: test-lab\ncolour: blue\n"),
                new Broken("misspelt field", "»subnet: [198.18.3", "sites[0].subnet",
                        "unknown field 'subnet', did you mean 'subnets'? (expected: one of name, subnets, socket)",
                        "    socket: socket-a\n", "    socket: socket-a\n    subnet: [198.18.3.0/24]\n"),
                new Broken("merge key", "»<<:", "rules[0].<<", "unknown field '<<'",
                        "    source: any\n", "    source: any\n    <<: {enabled: true}\n"),
                new Broken("repeated field", "»primary: alt-wan", "rules[0].primary",
                        "repeated field, first at line 26 (expected: each field once)",
                        "    primary: cato\n", "    primary: cato\n    primary: alt-wan\n"),
                new Broken("missing domains", "- »name: crm", "applications[0].domains",
                        "missing required field (expected: a list such as",
                        "    domains: [crm.site-b.lab, \"*.crm.site-b.lab\"]\n", ""),
                new Broken("missing primary", "- »name: Site A", "rules[1].primary",
                        "missing required field (expected: one of cato, off-cloud, alt-wan, automatic)",
                        "    primary: off-cloud\n", ""),
                new Broken("blank rule name", "name: »' '", "rules[0].name",
                        "rule name: ' ' (expected: one line of 1..100 characters",
                        "  - name: CRM over Cato", "  - name: ' '"),
                new Broken("enabled maybe", "enabled: »maybe", "rules[0].enabled", "'maybe' (expected: true or false)",
                        "    source: any\n", "    source: any\n    enabled: maybe\n"),
                // addresses and ports
                new Broken("prefix length 33", "[»198.18.1.0/33", "sites[0].subnets[0]",
                        "(expected: a.b.c.d/n with n 0..32)", "[198.18.1.0/24]", "[198.18.1.0/33]"),
                new Broken("octet 256", "[»198.18.256.0/24", "sites[0].subnets[0]", "(expected: octets 0..255)",
                        "[198.18.1.0/24]", "[198.18.256.0/24]"),
                new Broken("host bits set", "[»198.18.1.1/24", "sites[0].subnets[0]",
                        "'198.18.1.1/24' has host bits set (expected: 198.18.1.0/24)", "[198.18.1.0/24]",
                        "[198.18.1.1/24]"),
                new Broken("subnet without length", "[»198.18.1.0]", "sites[0].subnets[0]", "(expected: a.b.c.d/n)",
                        "[198.18.1.0/24]", "[198.18.1.0]"),
                new Broken("short host", "host: »198.18.2}", "rules[1].destination[1].host", "(expected: a.b.c.d)",
                        "{host: 198.18.2.10}", "{host: 198.18.2}"),
                new Broken("reversed range", "range: »198.18.2.29-", "rules[1].destination[2].range",
                        "(expected: first <= last)", "198.18.2.20-198.18.2.29", "198.18.2.29-198.18.2.20"),
                new Broken("range without dash", "range: »198.18.2.20}", "rules[1].destination[2].range",
                        "(expected: a.b.c.d-e.f.g.h)", "198.18.2.20-198.18.2.29", "198.18.2.20"),
                new Broken("port 70000", "[»70000", "rules[0].service.ports[0]", "(expected: ports 1..65535",
                        "[443, 8000-8080]", "[70000, 8000-8080]"),
                new Broken("port 0", "[»0, 8000", "rules[0].service.ports[0]", "(expected: ports 1..65535",
                        "[443, 8000-8080]", "[0, 8000-8080]"),
                new Broken("reversed port range", "»8080-8000", "rules[0].service.ports[1]", "first <= last)",
                        "8000-8080", "8080-8000"),
                new Broken("port name", "[»https", "rules[0].service.ports[0]",
                        "'https' (expected: a port 1..65535 or a range such as 8000-8080)", "[443, ", "[https, "),
                new Broken("ports with icmp", "ports: »[443", "rules[0].service.ports",
                        "ports with protocol icmp (expected: protocol tcp or udp, or no ports)", "protocol: tcp",
                        "protocol: icmp"),
                new Broken("domain with a blank", "»\"crm site\"", "applications[0].domains[1]",
                        "domain: 'crm site' (expected: a DNS name", "\"*.crm.site-b.lab\"", "\"crm site\""),
                // identification limits
                new Broken("identification packets not a number", "maxPackets: »many", "identification.maxPackets",
                        "maxPackets: 'many' (expected: a whole number 2..1000)", "name: test-lab\n",
                        "name: test-lab\nidentification:\n  maxPackets: many\n"),
                new Broken("identification packets below a SYN and one more", "maxPackets: »1}", "identification.maxPackets",
                        "maxPackets: 1 (expected: 2..1000)", "name: test-lab\n",
                        "name: test-lab\nidentification: {maxPackets: 1}\n"),
                new Broken("identification bytes too large", "maxBytes: »2000000}", "identification.maxBytes",
                        "maxBytes: 2000000 (expected: 1..1048576)", "name: test-lab\n",
                        "name: test-lab\nidentification: {maxPackets: 8, maxBytes: 2000000}\n"),
                new Broken("identification field misspelt", "{»maxPacket:", "identification.maxPacket",
                        "unknown field 'maxPacket', did you mean 'maxPackets'? (expected: one of maxPackets, maxBytes)",
                        "name: test-lab\n", "name: test-lab\nidentification: {maxPacket: 8}\n"),
                new Broken("identification as a number", "identification: »8", "identification",
                        "(expected: {maxPackets: N, maxBytes: M})", "name: test-lab\n", "name: test-lab\nidentification: 8\n"),
                // labels
                new Broken("unknown protocol", "protocol: »tpc", "rules[0].service.protocol",
                        "protocol: 'tpc', did you mean 'tcp'? (expected: one of any, tcp, udp, icmp)", "protocol: tcp",
                        "protocol: tpc"),
                new Broken("unknown link kind", "kind: »altwan", "links[3].kind",
                        "link kind: 'altwan', did you mean 'alt-wan'? (expected: one of cato, off-cloud, alt-wan)",
                        "kind: alt-wan", "kind: altwan"),
                new Broken("transport in capitals", "primary: »Cato", "rules[0].primary",
                        "'Cato', did you mean 'cato'?", "    primary: cato\n", "    primary: Cato\n"),
                new Broken("primary none", "primary: »none", "rules[0].primary",
                        "'none' (expected: one of cato, off-cloud, alt-wan, automatic)", "    primary: cato\n",
                        "    primary: none\n"),
                new Broken("secondary same as primary", "secondary: »off-cloud", "rules[1].secondary",
                        "is the primary too (expected: another transport, or none)", "secondary: cato",
                        "secondary: off-cloud"),
                new Broken("transport without its link", "secondary: »alt-wan", "rules[1].secondary",
                        "links has no alt-wan link (expected: a link of kind alt-wan, or another transport)",
                        "  - {name: mpls, kind: alt-wan, endpoints: [socket-a, socket-b]}\n", "",
                        "secondary: cato", "secondary: alt-wan"),
                // names
                new Broken("repeated site name", "name: »site-a\n    subnets: [198.18.3", "sites[2].name",
                        "repeated site name 'site-a', first at line 5 (expected: unique site names)",
                        "links:\n", "  - name: site-a\n    subnets: [198.18.3.0/24]\n    socket: socket-c\nlinks:\n",
                        "  - {name: mpls", "  - {name: cato-c, kind: cato, endpoints: [socket-c, pop]}\n  - {name: mpls"),
                new Broken("repeated link name", "{name: »direct, kind: alt-wan", "links[3].name",
                        "repeated link name 'direct', first at line 14", "{name: mpls", "{name: direct"),
                new Broken("repeated application name", "name: »crm\n    domains: [crm2", "applications[1].name",
                        "repeated application name 'crm', first at line 17", "rules:\n",
                        "  - name: crm\n    domains: [crm2.lab]\nrules:\n"),
                new Broken("repeated rule name", "name: »CRM over Cato\n    source: [", "rules[1].name",
                        "repeated rule name 'CRM over Cato', first at line 21",
                        "  - name: Site A to Site B over Off-Cloud", "  - name: CRM over Cato"),
                new Broken("bad node name", "socket-a, »'socket b'", "links[3].endpoints[1]",
                        "node name: 'socket b' (expected: 1..32 letters",
                        "{name: mpls, kind: alt-wan, endpoints: [socket-a, socket-b]}",
                        "{name: mpls, kind: alt-wan, endpoints: [socket-a, 'socket b']}"),
                // how things fit together
                new Broken("subnet inside another site's", "»198.18.1.128/25", "sites[1].subnets[1]",
                        "subnet 198.18.1.128/25 overlaps 198.18.1.0/24 of site 'site-a' (expected: sites with separate subnets)",
                        "[198.18.2.0/24]", "[198.18.2.0/24, 198.18.1.128/25]"),
                new Broken("another site's subnet inside this one", "subnets: [»198.18.1.0/24", "sites[0].subnets[0]",
                        "subnet 198.18.1.0/24 overlaps 198.18.0.0/16 of site 'site-b'", "[198.18.2.0/24]",
                        "[198.18.2.0/24, 198.18.0.0/16]"),
                new Broken("rule names an unknown site", "{site: »site-c}", "rules[0].destination[0].site",
                        "unknown site 'site-c', did you mean 'site-a'? (expected: one of site-a, site-b)",
                        "{site: site-b}", "{site: site-c}"),
                new Broken("rule names an unknown application", "[»erp]", "rules[0].applications[0]",
                        "unknown application 'erp' (expected: crm)", "[crm]", "[erp]"),
                new Broken("rule names an unknown category", "[»finance]", "rules[0].categories[0]",
                        "unknown category 'finance' (expected: business)", "    applications: [crm]\n",
                        "    applications: [crm]\n    categories: [finance]\n"),
                new Broken("source is a bare site name", "source: »site-a", "rules[1].source",
                        "found 'site-a' (expected: any, or a non-empty list of {site: NAME}",
                        "source: [{site: site-a}]", "source: site-a"),
                new Broken("empty source list", "source: »[]", "rules[1].source", "empty list (expected: any, or",
                        "source: [{site: site-a}]", "source: []"),
                new Broken("two criteria in one item", "[»{site: site-a, host", "rules[1].source[0]",
                        "criteria [site, host] in one item (expected: exactly one of site, subnet, host, range per item)",
                        "[{site: site-a}]", "[{site: site-a, host: 198.18.1.10}]"),
                new Broken("misspelt criterion", "{»sites: site-a}", "rules[1].source[0].sites",
                        "unknown field 'sites', did you mean 'site'? (expected: one of site, subnet, host, range)",
                        "{site: site-a}", "{sites: site-a}"),
                new Broken("link to an unknown node", "socket-a, »socket-c", "links[2].endpoints[1]",
                        "unknown node 'socket-c', did you mean 'socket-a'? (expected: one of socket-a, socket-b, pop)",
                        "off-cloud, endpoints: [socket-a, socket-b]", "off-cloud, endpoints: [socket-a, socket-c]"),
                new Broken("link to itself", "off-cloud, endpoints: »[socket-a", "links[2].endpoints",
                        "a link from 'socket-a' to itself (expected: two different nodes)",
                        "off-cloud, endpoints: [socket-a, socket-b]", "off-cloud, endpoints: [socket-a, socket-a]"),
                new Broken("one endpoint", "off-cloud, endpoints: »[socket-a]", "links[2].endpoints",
                        "1 endpoint (expected: two node names", "off-cloud, endpoints: [socket-a, socket-b]",
                        "off-cloud, endpoints: [socket-a]"),
                new Broken("off-cloud link to pop", "off-cloud, endpoints: »[socket-a, pop]", "links[2].endpoints",
                        "an off-cloud link to pop (expected: two sites' sockets",
                        "off-cloud, endpoints: [socket-a, socket-b]", "off-cloud, endpoints: [socket-a, pop]"),
                new Broken("socket without a cato link", "socket: »socket-b", "sites[1].socket",
                        "socket 'socket-b' has no cato link (expected: a link of kind cato with endpoints [socket-b, pop])",
                        "  - {name: cato-b, kind: cato, endpoints: [socket-b, pop]}\n", ""));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("brokenFiles")
    void brokenFileReportsItsOneProblem(Broken broken) {
        String yaml = edit(BASE, broken.edits());
        Location where = locate("lab.yaml", yaml, broken.at());

        assertThatThrownBy(() -> LOADER.parse("lab.yaml", yaml))
                .isInstanceOfSatisfying(LabFileException.class, e -> {
                    assertThat(e.problems()).as(e.getMessage()).hasSize(1);
                    Problem p = e.problems().getFirst();
                    assertThat(p.field()).as(e.getMessage()).isEqualTo(broken.field());
                    assertThat(p.location()).as(e.getMessage()).isEqualTo(where);
                    assertThat(p.message()).contains(broken.expected());
                    assertThat(e.getMessage())
                            .as("the line reads file:line:col: field: message (expected: ...)")
                            .startsWith("lab.yaml:" + where.line() + ":" + where.column() + ": " + broken.field() + ": ")
                            .contains(" (expected: ");
                });
    }

    @Test
    void baseFileIsValid() {
        assertThat(LOADER.parse("lab.yaml", BASE).rules()).hasSize(2);
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        String yaml = edit(BASE,
                "[198.18.1.0/24]", "[198.18.1.0/33]",
                "    socket: socket-b\n", "    socket: socket-b\n    subnet: [198.18.9.0/24]\n",
                "  - {name: cato-b, kind: cato, endpoints: [socket-b, pop]}\n",
                "  - {name: cato-b, kind: cato, endpoints: [socket-b, socket-a]}\n",
                "{site: site-b}", "{site: site-c}",
                "[443, ", "[https, ",
                "    primary: off-cloud\n", "    primary: offcloud\n");

        assertThatThrownBy(() -> LOADER.parse("multi.yaml", yaml))
                .isInstanceOfSatisfying(LabFileException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::field).containsExactly(
                            "sites[0].subnets[0]",
                            "sites[1].socket",
                            "sites[1].subnet",
                            "links[1].endpoints",
                            "rules[0].destination[0].site",
                            "rules[0].service.ports[0]",
                            "rules[1].primary");
                    assertThat(e.problems().get(1).message())
                            .as("a cato link without pop leaves its socket without one too")
                            .contains("has no cato link");
                    assertThat(e.getMessage().lines()).hasSize(7).allMatch(l -> l.startsWith("multi.yaml:"));
                });
    }

    @Test
    void problemsAreCappedWithACountOfTheRest() {
        StringBuilder subnets = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            subnets.append(i == 0 ? "" : ", ").append("10.0.").append(i).append(".1/24");
        }
        String yaml = edit(BASE, "[198.18.1.0/24]", subnets.append(']').toString());

        assertThatThrownBy(() -> LOADER.parse("many.yaml", yaml))
                .isInstanceOfSatisfying(LabFileException.class, e -> {
                    assertThat(e.problems()).hasSize(Problems.MAX_PROBLEMS + 1);
                    assertThat(e.problems().getLast().message()).startsWith("50 more problems not shown");
                });
    }

    @Test
    void unknownFieldsGetASuggestionOnlyWhenOneIsClose() {
        String close = edit(BASE, "tlsInspection: true", "tlsinspection: true");
        String far = edit(BASE, "    primary: cato\n", "    primary: cato\n    colour: blue\n");

        assertThatThrownBy(() -> LOADER.parse("lab.yaml", close)).hasMessageContaining(
                "account.tlsinspection: unknown field 'tlsinspection', did you mean 'tlsInspection'?");
        assertThatThrownBy(() -> LOADER.parse("lab.yaml", far))
                .hasMessageContaining("unknown field 'colour' (expected: one of name, enabled, source")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void emptyValueIsReportedAsEmpty() {
        String yaml = edit(BASE, "    source: any\n", "    source:\n");

        assertThatThrownBy(() -> LOADER.parse("lab.yaml", yaml))
                .hasMessageContaining("rules[0].source: found an empty value (expected: any, or a non-empty list");
    }

    @Test
    void nonTextKeyIsAYamlProblem() {
        String yaml = edit(BASE, "    source: any\n", "    source: any\n    ? [a]\n    : b\n");

        assertThatThrownBy(() -> LOADER.parse("lab.yaml", yaml))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("yaml");
                            assertThat(p.location().line()).as("near the key").isBetween(23, 25);
                        }));
    }

    @Test
    void documentThatIsNotAMappingSaysWhatIsExpected() {
        assertThatThrownBy(() -> LOADER.parse("list.yaml", "- a\n- b\n")).hasMessage(
                "list.yaml:1:1: document: found a list (expected: a mapping with name, account, sites, links,"
                        + " applications, rules, identification, keepalive)");
        assertThatThrownBy(() -> LOADER.parse("empty.yaml", "# nothing\n")).hasMessage(
                "empty.yaml:1:1: document: empty document (expected: a mapping with name, account, sites, links,"
                        + " applications, rules, identification, keepalive)");
    }

    @Test
    void missingSectionsAreEachReported() {
        assertThatThrownBy(() -> LOADER.parse("min.yaml", "name: x\n"))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactlyInAnyOrder("account", "sites", "links", "rules"));
    }

    @Test
    void problemsKeepTheirPartsApart() {
        assertThatThrownBy(() -> LOADER.parse("lab.yaml", edit(BASE, "tlsInspection: true", "tlsInspection: 1")))
                .isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem(new Location("lab.yaml", 3, 18), "account.tlsInspection",
                                "'1' (expected: true or false)")));
    }

    @Test
    void namesAreComparedExactly() {
        List<String> edits = List.of("{site: site-b}", "{site: Site-B}");

        assertThatThrownBy(() -> LOADER.parse("lab.yaml", edit(BASE, edits.toArray(String[]::new))))
                .hasMessageContaining("unknown site 'Site-B', did you mean 'site-b'?");
    }
}
