package io.wanlab.core.topo;

import static io.wanlab.core.topo.TopoLabs.defaultLinks;
import static io.wanlab.core.topo.TopoLabs.defaultSites;
import static io.wanlab.core.topo.TopoLabs.lab;
import static io.wanlab.core.topo.TopoLabs.link;
import static io.wanlab.core.topo.TopoLabs.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopologyValidatorTest {
    static Stream<Arguments> badLabs() {
        Site a = site("site-a", "socket-a", "198.18.1.0/24");
        Site b = site("site-b", "socket-b", "198.18.2.0/24");
        List<LinkSpec> many = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            many.add(link("l" + i, LinkKind.OFF_CLOUD, "socket-a", "socket-b"));
        }
        return Stream.of(
                Arguments.of("no sites", lab(List.of(), List.of()),
                        "sites: none (expected: at least one site)"),
                Arguments.of("251 links", lab(List.of(a, b), many),
                        "links: 251 (expected: at most 250, one 198.19.<n>.0/30 underlay subnet each)"),
                Arguments.of("subnet outside the range", lab(List.of(site("site-a", "socket-a", "10.1.0.0/24"), b), List.of()),
                        "site 'site-a': subnet 10.1.0.0/24 is outside 198.18.0.0/15 (the lab only uses that range,"
                                + " reserved for benchmarking)"),
                Arguments.of("subnet wider than the range", lab(List.of(site("site-a", "socket-a", "198.16.0.0/13")), List.of()),
                        "site 'site-a': subnet 198.16.0.0/13 is outside 198.18.0.0/15"),
                Arguments.of("second subnet outside", lab(List.of(site("site-a", "socket-a", "198.18.1.0/24", "192.168.1.0/24")),
                        List.of()), "subnet 192.168.1.0/24 is outside 198.18.0.0/15"),
                Arguments.of("subnet in the underlay block", lab(List.of(site("site-a", "socket-a", "198.19.1.0/24")), List.of()),
                        "site 'site-a': subnet 198.19.1.0/24 overlaps 198.19.0.0/16 (reserved for the underlay links;"
                                + " expected: a subnet of 198.18.0.0/16)"),
                Arguments.of("subnet too small", lab(List.of(site("site-a", "socket-a", "198.18.1.0/29")), List.of()),
                        "site 'site-a': subnet 198.18.1.0/29 is too small for the socket at .1 and the host at .10"
                                + " (expected: /28 or larger)"),
                Arguments.of("no subnet", lab(List.of(site("site-a", "socket-a")), List.of()),
                        "site 'site-a': no subnet (expected: at least one, in 198.18.0.0/15)"),
                Arguments.of("overlapping sites", lab(List.of(a, site("site-b", "socket-b", "198.18.1.128/25")), List.of()),
                        "site 'site-b': subnet 198.18.1.128/25 overlaps 198.18.1.0/24 of site 'site-a' (expected: disjoint subnets)"),
                Arguments.of("socket shared", lab(List.of(a, site("site-b", "socket-a", "198.18.2.0/24")), List.of()),
                        "node 'socket-a' is both the socket of site 'site-a' and the socket of site 'site-b'"),
                Arguments.of("socket named pop", lab(List.of(site("site-a", "pop", "198.18.1.0/24")), List.of()),
                        "node 'pop' is both the PoP and the socket of site 'site-a' (expected: one node per name)"),
                Arguments.of("socket named client", lab(List.of(site("site-a", "client", "198.18.1.0/24")), List.of()),
                        "node 'client' is both the host of site 'site-a' and the socket of site 'site-a'"),
                Arguments.of("socket name with a slash", lab(List.of(site("site-a", "../x", "198.18.1.0/24")), List.of()),
                        "socket of site 'site-a': node name: '../x' (expected: 1..47 characters"),
                Arguments.of("socket name too long", lab(List.of(site("site-a", "s".repeat(48), "198.18.1.0/24")), List.of()),
                        "node name: '" + "s".repeat(48) + "' (expected: 1..47 characters"),
                Arguments.of("third site name makes a bad host name", lab(List.of(a, b, site("x y", "socket-c", "198.18.3.0/24")),
                        List.of()), "host of site 'x y': node name: 'host-x y'"),
                Arguments.of("link to a host", lab(defaultSites(), List.of(link("bad", LinkKind.CATO, "client", "pop"))),
                        "link 'bad': endpoint 'client' (expected: one of [socket-a, socket-b, pop])"),
                Arguments.of("link to nowhere", lab(defaultSites(), List.of(link("bad", LinkKind.CATO, "socket-a", "mars"))),
                        "link 'bad': endpoint 'mars'"),
                Arguments.of("link to itself", lab(defaultSites(), List.of(link("loop", LinkKind.CATO, "pop", "pop"))),
                        "link 'loop': both ends are 'pop' (expected: two different nodes)"),
                Arguments.of("link twice", lab(defaultSites(), List.of(defaultLinks().getFirst(), defaultLinks().getFirst())),
                        "link 'cato-a' appears twice (expected: unique link names)"),
                Arguments.of("empty link name", lab(defaultSites(), List.of(link("", LinkKind.CATO, "socket-a", "pop"))),
                        "link from 'socket-a' to 'pop': empty name (expected: a name)"),
                Arguments.of("interface names collide after truncation", lab(defaultSites(), List.of(
                                link("internet-primary", LinkKind.OFF_CLOUD, "socket-a", "socket-b"),
                                link("internet-primary-2", LinkKind.OFF_CLOUD, "socket-a", "socket-b"))),
                        "links 'internet-primary' and 'internet-primary-2' both become interface 'l-internet-prim'"
                                + " on socket-a (interface names are cut to 15 characters; expected: names that differ early)"),
                Arguments.of("interface names collide after sanitizing", lab(defaultSites(), List.of(
                                link("wan.1", LinkKind.OFF_CLOUD, "socket-a", "socket-b"),
                                link("wan:1", LinkKind.ALT_WAN, "socket-a", "pop"))),
                        "links 'wan.1' and 'wan:1' both become interface 'l-wan-1' on socket-a"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badLabs")
    void rejectsWithAClearSentence(String name, LabFile lab, String expected) {
        assertThat(TopologyValidator.problems(lab)).anySatisfy(p -> assertThat(p).contains(expected));
        assertThatThrownBy(() -> TopologyPlanner.plan(LabNames.DEFAULT_LAB, lab))
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("lab 'default' cannot be built (")
                .hasMessageContaining(expected);
    }

    @Test
    void defaultLabHasNoProblems() {
        assertThat(TopologyValidator.problems(TopoLabs.defaultLab())).isEmpty();
    }

    @Test
    void exactly250LinksArePlannedUpTo198_19_250() {
        List<LinkSpec> links = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            links.add(link("l" + i, LinkKind.OFF_CLOUD, "socket-a", "socket-b"));
        }
        LabTopology topo = TopologyPlanner.plan(LabNames.DEFAULT_LAB, lab(defaultSites(), links));
        assertThat(topo.links().getLast().veth().second().address()).hasToString("198.19.250.2/30");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        LabFile lab = lab(List.of(site("site-a", "socket-a", "10.0.0.0/24"), site("site-b", "socket-a", "198.18.2.0/30")),
                List.of(link("x", LinkKind.CATO, "client", "pop")));
        TopologyException e = org.junit.jupiter.api.Assertions.assertThrows(TopologyException.class,
                () -> TopologyPlanner.plan(LabNames.DEFAULT_LAB, lab));
        assertThat(e.problems()).as("subnet outside, subnet too small, shared socket, link to a host").hasSize(4);
        assertThat(e.getMessage()).startsWith("lab 'default' cannot be built (4 problems):\n  - ");
    }
}
