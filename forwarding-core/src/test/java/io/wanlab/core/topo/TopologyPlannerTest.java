package io.wanlab.core.topo;

import static io.wanlab.core.topo.TopoLabs.defaultLab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopologyPlannerTest {
    private final LabTopology topo = TopologyPlanner.plan(LabNames.DEFAULT_LAB, defaultLab());

    @Test
    void defaultLabHasFiveNodesInSiteOrder() {
        assertThat(topo.nodeNames()).containsExactly("client", "socket-a", "server", "socket-b", "pop");
        assertThat(topo.namespaces())
                .containsExactly("wanlab-client", "wanlab-socket-a", "wanlab-server", "wanlab-socket-b", "wanlab-pop");
        assertThat(topo.node("client").role()).isEqualTo(NodeRole.HOST);
        assertThat(topo.node("client").site()).contains("site-a");
        assertThat(topo.node("socket-b").role()).isEqualTo(NodeRole.SOCKET);
        assertThat(topo.node("socket-b").site()).contains("site-b");
        assertThat(topo.node("pop").role()).isEqualTo(NodeRole.POP);
        assertThat(topo.node("pop").site()).isEmpty();
    }

    @Test
    void hostsAreAtDotTenAndSocketsAtDotOneOfTheirSiteLan() {
        SitePlan a = topo.site("site-a").orElseThrow();
        assertThat(a.host()).isEqualTo("client");
        assertThat(a.socket()).isEqualTo("socket-a");
        assertThat(a.hostAddress()).hasToString("198.18.1.10/24");
        assertThat(a.gateway()).hasToString("198.18.1.1/24");
        assertThat(a.lan().first().device()).isEqualTo("eth0");
        assertThat(a.lan().second().device()).isEqualTo("lan0");
        SitePlan b = topo.site("site-b").orElseThrow();
        assertThat(b.host()).isEqualTo("server");
        assertThat(b.hostAddress()).hasToString("198.18.2.10/24");
        assertThat(b.gateway()).hasToString("198.18.2.1/24");
        assertThat(topo.siteOf("socket-b")).contains(b);
        assertThat(topo.siteOf("pop")).isEmpty();
    }

    @Test
    void linksAreNumberedInFileOrderWithTheFirstEndAtDotOne() {
        assertThat(topo.links()).extracting(LinkPlan::number).containsExactly(1, 2, 3, 4);
        LinkPlan offCloud = topo.link("off-cloud").orElseThrow();
        assertThat(offCloud.kind()).isEqualTo(LinkKind.OFF_CLOUD);
        assertThat(offCloud.veth().first().node()).isEqualTo("socket-a");
        assertThat(offCloud.veth().first().address()).hasToString("198.19.3.1/30");
        assertThat(offCloud.veth().second().node()).isEqualTo("socket-b");
        assertThat(offCloud.veth().second().address()).hasToString("198.19.3.2/30");
        assertThat(offCloud.veth().first().device()).isEqualTo("l-off-cloud");
        assertThat(offCloud.listener()).as("between sockets the second end listens").isEqualTo("socket-b");
        assertThat(topo.link("cato-a").orElseThrow().listener()).as("the PoP listens on its tunnels").isEqualTo("pop");
    }

    @Test
    void socketSeesItsLinksWithPeerAddressesAndWhoListens() {
        List<LinkEnd> ends = topo.linksOf("socket-a");
        assertThat(ends).extracting(LinkEnd::link).containsExactly("cato-a", "off-cloud", "alt-wan");
        LinkEnd cato = ends.getFirst();
        assertThat(cato.device()).isEqualTo("l-cato-a");
        assertThat(cato.local()).hasToString("198.19.1.1/30");
        assertThat(cato.peer()).isEqualTo("pop");
        assertThat(cato.peerIpText()).isEqualTo("198.19.1.2");
        assertThat(cato.listens()).isFalse();
        assertThat(cato.port()).isEqualTo(7100);
        assertThat(cato.socketAddress().getHostString()).as("a dialer connects to the peer").isEqualTo("198.19.1.2");
        assertThat(cato.socketAddress().getPort()).isEqualTo(7100);

        LinkEnd altWanAtB = topo.linksOf("socket-b").get(2);
        assertThat(altWanAtB.link()).isEqualTo("alt-wan");
        assertThat(altWanAtB.listens()).isTrue();
        assertThat(altWanAtB.local()).hasToString("198.19.4.2/30");
        assertThat(altWanAtB.socketAddress().getHostString()).as("a listener binds its own address").isEqualTo("198.19.4.2");
    }

    @Test
    void popListensOnBothTunnels() {
        List<LinkEnd> ends = topo.linksOf("pop");
        assertThat(ends).extracting(LinkEnd::link).containsExactly("cato-a", "cato-b");
        assertThat(ends).allMatch(LinkEnd::listens);
        assertThat(ends).extracting(e -> e.local().toString()).containsExactly("198.19.1.2/30", "198.19.2.2/30");
        assertThat(ends).extracting(LinkEnd::peer).containsExactly("socket-a", "socket-b");
        assertThat(topo.linksOf("client")).as("hosts terminate no link").isEmpty();
    }

    @Test
    void tunsSitInSocketsAndThePopWithTheDefaultMtu() {
        assertThat(topo.tunOf("socket-a")).map(TunPlan::device).contains("wl-lan");
        assertThat(topo.tunOf("socket-a")).map(TunPlan::mtu).contains(1400);
        assertThat(topo.tunOf("pop")).map(TunPlan::device).contains("wl-pop");
        assertThat(topo.tunOf("pop").orElseThrow().sysctls()).containsExactly(new Sysctl("net.ipv4.conf.wl-pop.rp_filter", "0"));
        assertThat(topo.tunOf("client")).isEmpty();
    }

    @Test
    void socketsRouteOtherSitesIntoTheTunAndHostsDefaultToTheirSocket() {
        assertThat(topo.routesOf("socket-a")).singleElement().satisfies(r -> {
            assertThat(r.destination()).isEqualTo(Ipv4Prefix.parse("198.18.2.0/24"));
            assertThat(r.device()).isEqualTo("wl-lan");
            assertThat(r.hasGateway()).isFalse();
        });
        assertThat(topo.routesOf("socket-b")).extracting(RoutePlan::destination).containsExactly(Ipv4Prefix.parse("198.18.1.0/24"));
        assertThat(topo.routesOf("client")).singleElement().satisfies(r -> {
            assertThat(r.destinationText()).isEqualTo("default");
            assertThat(Ipv4.format(r.gateway())).isEqualTo("198.18.1.1");
            assertThat(r.device()).isEqualTo("eth0");
        });
        assertThat(topo.routesOf("pop")).as("the PoP's kernel reaches every site through its TUN")
                .extracting(RoutePlan::toString)
                .containsExactly("pop: 198.18.1.0/24 dev wl-pop", "pop: 198.18.2.0/24 dev wl-pop");
    }

    @Test
    void sysctlsTurnOnForwardingInDevicesAndIpv6OffEverywhere() {
        assertThat(topo.node("socket-a").sysctls()).extracting(Sysctl::toString).containsExactly(
                "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        assertThat(topo.node("pop").sysctls()).isEqualTo(topo.node("socket-a").sysctls());
        assertThat(topo.node("server").sysctls()).extracting(Sysctl::toString).containsExactly(
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    }

    @Test
    void thirdSiteGetsANamedHostAndRoutesToEveryOtherSubnet() {
        LabTopology three = TopologyPlanner.plan(LabNames.DEFAULT_LAB, TopoLabs.lab(List.of(
                TopoLabs.site("hq", "socket-hq", "198.18.1.0/24"),
                TopoLabs.site("dc", "socket-dc", "198.18.2.0/24", "198.18.20.0/24"),
                TopoLabs.site("branch", "socket-br", "198.18.3.0/28")), List.of()));
        assertThat(three.nodeNames()).containsExactly("client", "socket-hq", "server", "socket-dc", "host-branch",
                "socket-br", "pop");
        assertThat(three.site("branch").orElseThrow().hostAddress()).hasToString("198.18.3.10/28");
        assertThat(three.routesOf("socket-hq")).extracting(r -> r.destination().toString())
                .containsExactly("198.18.2.0/24", "198.18.20.0/24", "198.18.3.0/28");
        assertThat(three.routesOf("socket-dc")).extracting(r -> r.destination().toString())
                .as("a socket does not route its own second subnet into the TUN")
                .containsExactly("198.18.1.0/24", "198.18.3.0/28");
    }

    @Test
    void optionsSetMtuAndPort() {
        LabTopology t = TopologyPlanner.plan(LabNames.DEFAULT_LAB, defaultLab(), new TopologyOptions(1300, 9000));
        assertThat(t.tunOf("pop").orElseThrow().mtu()).isEqualTo(1300);
        assertThat(t.linksOf("pop")).extracting(LinkEnd::port).containsOnly(9000);
        assertThatThrownBy(() -> new TopologyOptions(70000, 7100)).hasMessage("mtu: 70000 (expected: 576..65535)");
        assertThatThrownBy(() -> new TopologyOptions(1400, 0)).hasMessage("link port: 0 (expected: 1..65535)");
    }

    @Test
    void unknownNodeIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> topo.linksOf("router"))
                .hasMessage("node: 'router' (expected: one of [client, socket-a, server, socket-b, pop])");
        assertThat(topo.findNode("router")).isEqualTo(Optional.empty());
    }

    @Test
    void topologyIsImmutable() {
        assertThatThrownBy(() -> topo.nodes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> topo.links().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
