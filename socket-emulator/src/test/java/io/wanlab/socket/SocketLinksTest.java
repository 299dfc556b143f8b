package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Socket A's links in the seed preset (cato-a 0, off-cloud 1, alt-wan 2) and which one a transport takes. */
class SocketLinksTest {
    static final int CATO = 0;
    static final int OFF_CLOUD = 1;
    static final int ALT_WAN = 2;

    private final SocketLinks links = SocketLinks.of(LabPresets.load("bug"), "socket-a");

    @Test
    void linksOfTheNodeInFileOrder() {
        assertThat(links.size()).isEqualTo(3);
        assertThat(links.link(CATO).name()).isEqualTo("cato-a");
        assertThat(links.indexOf("off-cloud")).isEqualTo(OFF_CLOUD);
        assertThat(links.indexOf("alt-wan")).isEqualTo(ALT_WAN);
        assertThat(links.indexOf("cato-b")).as("socket-b's tunnel is not socket-a's").isEqualTo(-1);
        assertThat(links.linkFor(Transport.CATO)).isEqualTo(CATO);
        assertThat(links.linkFor(Transport.OFF_CLOUD)).isEqualTo(OFF_CLOUD);
        assertThat(links.linkFor(Transport.ALT_WAN)).isEqualTo(ALT_WAN);
        assertThat(links.linkFor(Transport.AUTOMATIC)).as("automatic rides the cato tunnel in the lab").isEqualTo(CATO);
        assertThat(links.linkFor(Transport.NONE)).isEqualTo(-1);
    }

    @Test
    void linksStartDown() {
        for (int i = 0; i < links.size(); i++) {
            assertThat(links.isUp(i)).isFalse();
        }
        assertThat(links.route(Transport.CATO, Transport.NONE)).as("nothing is up before any hello").isEqualTo(-1);
    }

    record Case(String name, boolean catoUp, boolean offCloudUp, boolean altWanUp, Transport primary, Transport secondary,
                int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                new Case("primary up", true, true, true, Transport.OFF_CLOUD, Transport.CATO, OFF_CLOUD),
                new Case("primary up, secondary down", false, true, false, Transport.OFF_CLOUD, Transport.CATO, OFF_CLOUD),
                new Case("primary down: the secondary", true, false, true, Transport.OFF_CLOUD, Transport.CATO, CATO),
                new Case("primary down: secondary alt-wan", false, false, true, Transport.OFF_CLOUD, Transport.ALT_WAN, ALT_WAN),
                new Case("neither up", false, false, true, Transport.OFF_CLOUD, Transport.CATO, -1),
                new Case("primary down, secondary none", true, false, true, Transport.OFF_CLOUD, Transport.NONE, -1),
                new Case("primary down, no secondary given", true, false, true, Transport.OFF_CLOUD, null, -1),
                new Case("cato down, secondary off-cloud", false, true, true, Transport.CATO, Transport.OFF_CLOUD, OFF_CLOUD),
                new Case("automatic is cato", true, true, true, Transport.AUTOMATIC, Transport.OFF_CLOUD, CATO),
                new Case("automatic down falls back", false, true, true, Transport.AUTOMATIC, Transport.OFF_CLOUD, OFF_CLOUD),
                new Case("secondary automatic when off-cloud is down", true, false, true, Transport.OFF_CLOUD,
                        Transport.AUTOMATIC, CATO),
                new Case("all down", false, false, false, Transport.ALT_WAN, Transport.CATO, -1))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("routes")
    void routeFallsBackToTheSecondaryOnlyWhenThePrimaryIsDown(Case c) {
        links.setUp(CATO, c.catoUp());
        links.setUp(OFF_CLOUD, c.offCloudUp());
        links.setUp(ALT_WAN, c.altWanUp());

        assertThat(links.route(c.primary(), c.secondary())).isEqualTo(c.expected());
    }

    @Test
    void linkComingBackIsUsedAgain() {
        links.setUp(CATO, true);
        links.setUp(OFF_CLOUD, true);
        links.setUp(OFF_CLOUD, false);
        assertThat(links.route(Transport.OFF_CLOUD, Transport.CATO)).isEqualTo(CATO);

        links.setUp(OFF_CLOUD, true);
        assertThat(links.route(Transport.OFF_CLOUD, Transport.CATO)).as("back on the primary").isEqualTo(OFF_CLOUD);
    }

    @Test
    void transportWithoutALinkFallsBack() {
        LabFile lab = lab(List.of(link("cato-a", LinkKind.CATO, "socket-a", "pop"),
                link("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b")));
        SocketLinks two = SocketLinks.of(lab, "socket-a");
        two.setUp(0, true);
        two.setUp(1, true);

        assertThat(two.linkFor(Transport.ALT_WAN)).isEqualTo(-1);
        assertThat(two.route(Transport.ALT_WAN, Transport.CATO)).as("no alt-wan link at all").isZero();
        assertThat(two.route(Transport.ALT_WAN, Transport.NONE)).isEqualTo(-1);
    }

    @Test
    void firstLinkOfAKindCarriesItsTransport() {
        LabFile lab = lab(List.of(link("cato-a", LinkKind.CATO, "socket-a", "pop"),
                link("cato-a2", LinkKind.CATO, "pop", "socket-a")));
        SocketLinks two = SocketLinks.of(lab, "socket-a");
        two.setUp(0, false);
        two.setUp(1, true);

        assertThat(two.size()).as("a link written from the pop's side is socket-a's too").isEqualTo(2);
        assertThat(two.linkFor(Transport.CATO)).isZero();
        assertThat(two.route(Transport.CATO, Transport.NONE)).as("a second cato link is no fallback").isEqualTo(-1);
    }

    @Test
    void nodeWithoutACatoLinkIsAClearError() {
        LabFile lab = lab(List.of(link("cato-a", LinkKind.CATO, "socket-a", "pop"),
                link("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b")));

        assertThatThrownBy(() -> SocketLinks.of(lab, "socket-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node 'socket-b': no cato link in lab 'test' (expected: a cato link between it and pop)");
        assertThatThrownBy(() -> SocketLinks.of(lab, "socket-z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 'socket-z'");
        assertThatThrownBy(() -> SocketLinks.of(null, "socket-a")).isInstanceOf(NullPointerException.class).hasMessage("lab");
        assertThatThrownBy(() -> SocketLinks.of(lab, null)).isInstanceOf(NullPointerException.class).hasMessage("node");
    }

    private static LinkSpec link(String name, LinkKind kind, String from, String to) {
        return new LinkSpec(name, kind, from, to, Location.BUILT_IN);
    }

    private static LabFile lab(List<LinkSpec> links) {
        List<Site> sites = List.of(
                new Site("site-a", List.of(Ipv4Prefix.parse("198.18.1.0/24")), "socket-a", Location.BUILT_IN),
                new Site("site-b", List.of(Ipv4Prefix.parse("198.18.2.0/24")), "socket-b", Location.BUILT_IN));
        return new LabFile("test", sites, links, new Account(true), List.of(), List.of());
    }
}
