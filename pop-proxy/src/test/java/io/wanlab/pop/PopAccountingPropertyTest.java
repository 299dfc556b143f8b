package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.node.NodeAccounting;
import io.wanlab.core.packet.DropCounters;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.packet.RandomPackets;
import io.wanlab.core.tun.FakeTunDevice;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet the PoP takes in, from a tunnel or from its own kernel, is forwarded (to a
 * tunnel, or to the kernel through the TUN) or counted as dropped with a reason, nothing else:
 * random, seeded packets, malformed ones and destinations in no site, TLS inspection on and off,
 * a TUN whose queue fills, through {@link PopRouter} and {@link PopSteering} as
 * PopRouterTest drives them, counted by {@link PopAccounting} and checked against the test's tally.
 */
class PopAccountingPropertyTest {
    static final int PACKETS = 1500;

    static LongStream seeds() {
        return LongStream.range(1, 13);
    }

    @ParameterizedTest(name = "{index}: seed {0}")
    @MethodSource("seeds")
    void everyPacketIsForwardedOrDroppedWithAReason(long seed) {
        PopRouter router = PopRouter.of(LabPresets.load(seed % 2 == 0 ? "bug" : "fixed-alt-wan"));
        AtomicLong clock = new AtomicLong();
        PopSteering steering = new PopSteering(router, new FlowTable(FlowTableConfig.defaults().withCapacity(256)),
                seed % 3 != 0, new int[] {443}, clock::get);
        int tunnels = router.links().size();
        PathCounters[] sending = new PathCounters[tunnels];
        String[] devices = new String[tunnels];
        for (int i = 0; i < tunnels; i++) {
            sending[i] = new PathCounters(router.links().get(i).name() + " out");
            devices[i] = "l-" + router.links().get(i).name();
        }
        PopAccounting accounting = new PopAccounting("wl-pop", router, sending, devices);
        FakeTunDevice tun = new FakeTunDevice("wl-pop", 1500);
        RandomPackets packets = new RandomPackets(seed);

        long in = 0;
        long toTunnels = 0;
        long toKernel = 0;
        boolean full = false;
        DropCounters expected = new DropCounters();
        for (int n = 0; n < PACKETS; n++) {
            clock.addAndGet(1_000_000);
            if (packets.random().nextInt(200) == 0) {
                full = !full;
                tun.capacity(full ? tun.written().size() : Integer.MAX_VALUE);
            }
            ByteBuf p = packets.next();
            DropReason malformed = RandomPackets.verdict(p);
            try {
                in++;
                boolean fromKernel = packets.random().nextInt(3) == 0;
                int out = fromKernel ? accounting.fromKernel(steering, p)
                        : accounting.fromTunnel(steering, p, packets.random().nextInt(tunnels));
                if (out >= 0) {
                    assertThat(out).as("seed %d: packet %d to a tunnel the PoP has", seed, n).isLessThan(tunnels);
                    toTunnels++;
                    sending[out].countIn();
                    sending[out].countOut();
                } else if (out == PopSteering.TO_TUN) {
                    assertThat(fromKernel).as("seed %d: packet %d: the kernel's own packet sent back to it", seed, n).isFalse();
                    toKernel++;
                    accounting.toKernel(tun, p);
                    if (full) {
                        expected.increment(DropReason.TUN_WRITE_REFUSED);
                    }
                } else {
                    assertThat(out).isEqualTo(PopSteering.DROP);
                    expected.increment(malformed != DropReason.NONE ? malformed : DropReason.NO_SITE);
                }
            } finally {
                p.release();
            }
        }

        NodeAccounting books = accounting.books();
        assertThat(books.problems()).as("seed %d: the books balance, path by path", seed).isEmpty();
        assertThat(books.in()).isEqualTo(in);
        assertThat(books.out() + books.dropped()).as("seed %d: node in = out + dropped", seed).isEqualTo(in);
        assertThat(books.out()).as("seed %d: out = to tunnels + what the TUN took", seed)
                .isEqualTo(toTunnels + tun.written().size());
        assertThat(books.paths().getLast().in()).as("seed %d: handed to the kernel", seed).isEqualTo(toKernel);
        for (DropReason r : DropReason.values()) {
            long counted = books.paths().stream().mapToLong(p -> p.dropped(r)).sum();
            assertThat(counted).as("seed %d: drops for %s", seed, r).isEqualTo(expected.get(r));
        }
        assertThat(router.drops().total() + router.noSite()).as("seed %d: the router's status counters agree", seed)
                .isEqualTo(books.dropped() - books.paths().getLast().dropped());
        assertThat(expected.get(DropReason.NO_SITE)).as("seed %d: unknown destinations were driven", seed).isPositive();
    }
}
