package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.Packets;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The PoP's routing by destination site, with the seed presets and with labs built in code. */
class PopRouterTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int NOWHERE = Ipv4.parse("203.0.113.1");

    private final PopRouter router = PopRouter.of(LabPresets.load("bug"));

    private int route(ByteBuf packet) {
        try {
            return router.route(packet);
        } finally {
            packet.release();
        }
    }

    @Test
    void knowsOnlyItsCatoLinksInFileOrder() {
        assertThat(router.links()).extracting(LinkSpec::name).containsExactly("cato-a", "cato-b");
        assertThat(router.indexOf("cato-b")).isEqualTo(1);
        assertThat(router.indexOf("off-cloud")).as("a direct link between Sockets is not the PoP's").isEqualTo(-1);
        assertThat(router.indexOf("nonexistent")).isEqualTo(-1);
    }

    @Test
    void routesByDestinationSite() {
        assertThat(route(Packets.syn(CLIENT, 40000, SERVER, 443, 1000))).as("site-b's server: over cato-b")
                .isEqualTo(router.indexOf("cato-b"));
        assertThat(route(Packets.synAck(SERVER, 443, CLIENT, 40000, 5000, 1001))).as("site-a's client: over cato-a")
                .isEqualTo(router.indexOf("cato-a"));
        assertThat(route(Packets.udp(CLIENT, 5353, SERVER, 53, new byte[] {1, 2, 3}))).isEqualTo(router.indexOf("cato-b"));
        assertThat(route(Packets.icmpEchoRequest(SERVER, CLIENT, 7, 1, new byte[8]))).isEqualTo(router.indexOf("cato-a"));
        assertThat(route(Packets.ipv4(CLIENT, Ipv4.parse("198.18.2.255"), 47, new byte[4])))
                .as("any protocol, any host of the subnet").isEqualTo(router.indexOf("cato-b"));

        assertThat(router.routed()).isEqualTo(5);
        assertThat(router.noSite()).isZero();
        assertThat(router.drops().total()).isZero();
    }

    @Test
    void viewDescribesThePacketJustRouted() {
        ByteBuf syn = Packets.syn(CLIENT, 40000, SERVER, 443, 1000);
        try {
            router.route(syn);
            assertThat(router.view().dstAddress()).isEqualTo(SERVER);
            assertThat(router.view().isTcp()).isTrue();
        } finally {
            syn.release();
        }
    }

    @Test
    void readsThePacketAtItsReaderIndexAndLeavesItThere() {
        ByteBuf packet = Packets.syn(CLIENT, 40000, SERVER, 443, 1000);
        ByteBuf framed = Unpooled.buffer().writeBytes(new byte[] {9, 9, 9}).writeBytes(packet);
        packet.release();
        framed.skipBytes(3);

        assertThat(route(framed.retain())).isEqualTo(router.indexOf("cato-b"));
        assertThat(framed.readerIndex()).as("routing does not consume the packet").isEqualTo(3);
        assertThat(framed.release()).isTrue();
    }

    @Test
    void destinationOutsideEverySiteIsDroppedAndCountedAsNoSite() {
        assertThat(route(Packets.syn(CLIENT, 40000, NOWHERE, 443, 1000))).isEqualTo(PopRouter.DROP);
        assertThat(route(Packets.syn(CLIENT, 40000, Ipv4.parse("198.18.3.10"), 443, 1000)))
                .as("next to the site subnets, but in none").isEqualTo(PopRouter.DROP);

        assertThat(router.noSite()).isEqualTo(2);
        assertThat(router.routed()).isZero();
        assertThat(router.drops().total()).as("well-formed packets are not malformed drops").isZero();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", (Supplier<ByteBuf>) Unpooled::buffer, DropReason.TRUNCATED),
                Arguments.of("shorter than an IPv4 header", bytes(() -> cut(syn(), 19)), DropReason.TRUNCATED),
                Arguments.of("IPv6 (router solicitation on a fresh TUN)", bytes(() -> set(syn(), 0, 0x60)),
                        DropReason.UNSUPPORTED_VERSION_IPV6),
                Arguments.of("version 5", bytes(() -> set(syn(), 0, 0x55)), DropReason.UNSUPPORTED_VERSION),
                Arguments.of("IHL below 5", bytes(() -> set(syn(), 0, 0x44)), DropReason.BAD_HEADER_LENGTH),
                Arguments.of("IHL past the bytes", bytes(() -> set(cut(syn(), 40), 0, 0x4f)), DropReason.BAD_HEADER_LENGTH),
                Arguments.of("total length past the buffer", bytes(() -> cut(syn(), 30)), DropReason.TOTAL_LENGTH_BEYOND_BUFFER),
                Arguments.of("total length below the header", bytes(() -> setShort(syn(), 2, 12)), DropReason.TOTAL_LENGTH_BELOW_HEADER),
                Arguments.of("fragment (more fragments)", bytes(() -> setShort(syn(), 6, 0x2000)), DropReason.FRAGMENT),
                Arguments.of("fragment (offset)", bytes(() -> setShort(syn(), 6, 0x0010)), DropReason.FRAGMENT),
                Arguments.of("TCP shorter than its header", bytes(() -> Packets.ipv4(CLIENT, SERVER, 6, new byte[10])),
                        DropReason.TCP_TRUNCATED),
                Arguments.of("TCP data offset below 5", bytes(() -> set(syn(), 32, 0x20)), DropReason.TCP_BAD_DATA_OFFSET),
                Arguments.of("TCP data offset past the segment", bytes(() -> set(syn(), 32, 0xf0)), DropReason.TCP_BAD_DATA_OFFSET),
                Arguments.of("UDP shorter than its header", bytes(() -> Packets.ipv4(CLIENT, SERVER, 17, new byte[4])),
                        DropReason.UDP_TRUNCATED),
                Arguments.of("UDP length past the datagram", bytes(() -> setShort(udp(), 24, 200)), DropReason.UDP_BAD_LENGTH),
                Arguments.of("ICMP shorter than its header", bytes(() -> Packets.ipv4(CLIENT, SERVER, 1, new byte[4])),
                        DropReason.ICMP_TRUNCATED));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void malformedPacketIsDroppedAndCountedByReason(String name, Supplier<ByteBuf> packet, DropReason reason) {
        assertThat(route(packet.get())).isEqualTo(PopRouter.DROP);
        assertThat(route(packet.get())).isEqualTo(PopRouter.DROP);

        assertThat(router.drops().get(reason)).as("counted under its own reason").isEqualTo(2);
        assertThat(router.drops().total()).isEqualTo(2);
        assertThat(router.noSite()).as("a malformed packet is not a no-site drop").isZero();
        assertThat(router.routed()).isZero();
    }

    @Test
    void aMalformedPacketDoesNotDisturbTheNext() {
        assertThat(route(set(syn(), 0, 0x60))).isEqualTo(PopRouter.DROP);
        ByteBuf good = syn();
        try {
            assertThat(router.route(good)).isEqualTo(router.indexOf("cato-b"));
            assertThat(router.view().dstAddress()).isEqualTo(SERVER);
        } finally {
            good.release();
        }
    }

    @Test
    void routingAllocatesNothingPerPacket() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Plain heap copies: paranoid leak detection wraps allocator buffers and records every access.
        ByteBuf toB = plain(syn());
        ByteBuf toNowhere = plain(Packets.syn(CLIENT, 40000, NOWHERE, 443, 1000));
        ByteBuf bad = plain(set(syn(), 0, 0x60));
        try {
            for (int i = 0; i < 20_000; i++) {
                router.route(toB);
                router.route(toNowhere);
                router.route(bad);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                router.route(toB);
                router.route(toNowhere);
                router.route(bad);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated over 300,000 routed packets").isLessThan(64 * 1024);
        } finally {
            toB.release();
            toNowhere.release();
            bad.release();
        }
    }

    // ---- labs built in code

    private static Site site(String name, String subnet, String socket) {
        return new Site(name, List.of(Ipv4Prefix.parse(subnet)), socket, Location.BUILT_IN);
    }

    private static LinkSpec link(String name, LinkKind kind, String from, String to) {
        return new LinkSpec(name, kind, from, to, Location.BUILT_IN);
    }

    private static LabFile lab(List<Site> sites, List<LinkSpec> links) {
        return new LabFile("test", sites, links, new Account(true), List.of(), List.of());
    }

    @Test
    void siteWithoutACatoLinkToThePopIsAClearError() {
        LabFile lab = lab(
                List.of(site("site-a", "198.18.1.0/24", "socket-a"), site("site-c", "198.18.3.0/24", "socket-c")),
                List.of(link("cato-a", LinkKind.CATO, "socket-a", "pop"),
                        link("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-c"),
                        link("alt-wan", LinkKind.ALT_WAN, "socket-c", "pop")));

        assertThatThrownBy(() -> PopRouter.of(lab))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site 'site-c': no cato link from socket-c to pop (expected: one per site)");
    }

    @Test
    void catoLinkToAnotherNodeDoesNotCount() {
        LabFile lab = lab(List.of(site("site-c", "198.18.3.0/24", "socket-c")),
                List.of(link("cato-c", LinkKind.CATO, "socket-c", "socket-a")));

        assertThatThrownBy(() -> PopRouter.of(lab)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site 'site-c'");
    }

    @Test
    void linkMayBeWrittenFromThePopAndSitesMayHaveSeveralSubnets() {
        LabFile lab = lab(
                List.of(new Site("site-a", List.of(Ipv4Prefix.parse("10.1.0.0/16"), Ipv4Prefix.parse("192.0.2.0/28")), "socket-a",
                        Location.BUILT_IN), site("site-b", "10.2.0.0/16", "socket-b")),
                List.of(link("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b"),
                        link("to-b", LinkKind.CATO, "pop", "socket-b"),
                        link("to-a", LinkKind.CATO, "pop", "socket-a")));
        PopRouter r = PopRouter.of(lab);

        assertThat(r.links()).extracting(LinkSpec::name).containsExactly("to-b", "to-a");
        assertThat(routeWith(r, Ipv4.parse("10.1.200.3"))).isEqualTo(r.indexOf("to-a"));
        assertThat(routeWith(r, Ipv4.parse("192.0.2.15"))).as("second subnet of site-a").isEqualTo(r.indexOf("to-a"));
        assertThat(routeWith(r, Ipv4.parse("192.0.2.16"))).as("just past it").isEqualTo(PopRouter.DROP);
        assertThat(routeWith(r, Ipv4.parse("10.2.0.1"))).isEqualTo(r.indexOf("to-b"));
    }

    @Test
    void labWithoutSitesRoutesNothing() {
        PopRouter r = PopRouter.of(lab(List.of(), List.of(link("cato-a", LinkKind.CATO, "socket-a", "pop"))));

        assertThat(routeWith(r, SERVER)).isEqualTo(PopRouter.DROP);
        assertThat(r.noSite()).isEqualTo(1);
    }

    @Test
    void nullLabIsRefused() {
        assertThatThrownBy(() -> PopRouter.of(null)).isInstanceOf(NullPointerException.class).hasMessage("lab");
    }

    private static int routeWith(PopRouter r, int dst) {
        ByteBuf p = Packets.syn(CLIENT, 40000, dst, 443, 1000);
        try {
            return r.route(p);
        } finally {
            p.release();
        }
    }

    // ---- packet surgery

    private static Supplier<ByteBuf> bytes(Supplier<ByteBuf> s) {
        return s;
    }

    private static ByteBuf syn() {
        return Packets.syn(CLIENT, 40000, SERVER, 443, 1000);
    }

    private static ByteBuf udp() {
        return Packets.udp(CLIENT, 5353, SERVER, 53, new byte[] {1, 2, 3, 4});
    }

    /** A copy in a buffer no leak detector wraps (the original is released). */
    private static ByteBuf plain(ByteBuf b) {
        ByteBuf copy = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(b));
        b.release();
        return copy;
    }

    private static ByteBuf set(ByteBuf b, int index, int value) {
        b.setByte(index, value);
        return b;
    }

    private static ByteBuf setShort(ByteBuf b, int index, int value) {
        b.setShort(index, value);
        return b;
    }

    /** The first {@code length} bytes of {@code b} (which is released). */
    private static ByteBuf cut(ByteBuf b, int length) {
        ByteBuf copy = b.copy(0, length);
        b.release();
        return copy;
    }
}
