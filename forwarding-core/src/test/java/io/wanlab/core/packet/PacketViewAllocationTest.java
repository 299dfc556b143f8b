package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.exact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The hot path (wrap, accessors, checksum checks, rewrites, counting) must not allocate per packet. */
class PacketViewAllocationTest {
    private static final int ROUNDS = 200_000;

    private final PacketView view = new PacketView();
    private final DropCounters counters = new DropCounters();
    // Unpooled heap buffers: paranoid leak detection wraps pooled ones in a tracker that itself allocates.
    private final ByteBuf[] packets = PacketFixtures.realPackets().values().stream()
            .map(PacketFixtures::exact).toArray(ByteBuf[]::new);
    private final ByteBuf garbage = exact(new byte[] {0x45, 0, 0, 1});

    @Test
    void hotPathAllocatesNothing() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        var hotspot = (com.sun.management.ThreadMXBean) threads;

        long sink = run(ROUNDS);
        long before = hotspot.getCurrentThreadAllocatedBytes();
        sink += run(ROUNDS);
        long allocated = hotspot.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).as("keeps the work observable").isNotZero();
        // One 16-byte object per packet would be over 30 MB; the margin absorbs the counter's own noise.
        assertThat(allocated).as("bytes allocated over %d rounds of %d packets", ROUNDS, packets.length)
                .isLessThan(64 * 1024);
    }

    private long run(int rounds) {
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (ByteBuf packet : packets) {
                if (view.wrap(packet, 0, packet.capacity(), counters) != DropReason.NONE) {
                    continue;
                }
                sink += view.srcAddress() + view.dstAddress() + view.srcPort() + view.dstPort() + view.ttl()
                        + view.totalLength() + view.payloadOffset() + view.payloadLength();
                switch (view.protocol()) {
                    case IpProtocols.TCP -> sink += view.tcp().seq() + view.tcp().flags() + (view.tcp().isSyn() ? 1 : 0);
                    case IpProtocols.UDP -> sink += view.udp().length();
                    case IpProtocols.ICMP -> sink += view.icmp().echoId();
                    default -> sink++;
                }
                if (Checksums.ipv4HeaderValid(view) && Checksums.transportValid(view)) {
                    sink++;
                }
                if (view.isTcp()) {
                    // Rewrite there and back so the packets stay the same from round to round.
                    int src = view.srcAddress();
                    PacketRewriter.setSrcAddress(view, src ^ 0x0101);
                    PacketRewriter.setSrcAddress(view, src);
                }
            }
            view.wrap(garbage, 0, garbage.capacity(), counters);
        }
        return sink;
    }
}
