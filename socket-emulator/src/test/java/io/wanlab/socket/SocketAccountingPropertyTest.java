package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.node.NodeAccounting;
import io.wanlab.core.packet.DropCounters;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.packet.RandomPackets;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.core.tun.FakeTunDevice;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every packet a Socket takes in is forwarded or counted as dropped with a reason, nothing else:
 * random, seeded packets (malformed ones, unknown destinations) from the LAN and from links that
 * go up and down, into a TUN whose queue fills, through {@link FlowSteering} and
 * {@link SocketLinks} as their own tests drive them, counted by {@link SocketAccounting}. The
 * test keeps its own tally of where each packet went and compares it with the books.
 */
class SocketAccountingPropertyTest {
    static final int PACKETS = 1000;

    static LongStream seeds() {
        return LongStream.range(1, 13);
    }

    @ParameterizedTest(name = "{index}: seed {0}")
    @MethodSource("seeds")
    void everyPacketIsForwardedOrDroppedWithAReason(long seed) {
        String preset = seed % 2 == 0 ? "bug" : "fixed-alt-wan";
        String node = seed % 3 == 0 ? "socket-b" : "socket-a";
        LabFile lab = LabPresets.load(preset);
        SocketLinks links = SocketLinks.of(lab, node);
        AtomicLong clock = new AtomicLong();
        FlowSteering steering = new FlowSteering(node, RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(256)), links, new RecordingEventLog(), clock::get);
        PathCounters[] sending = new PathCounters[links.size()];
        String[] devices = new String[links.size()];
        for (int i = 0; i < links.size(); i++) {
            sending[i] = new PathCounters(links.link(i).name() + " out");
            devices[i] = "l-" + links.link(i).name();
        }
        SocketAccounting accounting = new SocketAccounting("wl-lan", links, sending, devices);
        FakeTunDevice tun = new FakeTunDevice("wl-lan", 1500);
        RandomPackets packets = new RandomPackets(seed);

        long lanIn = 0;
        long toLinks = 0;
        long linkIn = 0;
        long toTun = 0;
        DropCounters expected = new DropCounters();
        boolean full = false;
        for (int n = 0; n < PACKETS; n++) {
            clock.addAndGet(1_000_000);
            if (packets.random().nextInt(50) == 0) {
                int link = packets.random().nextInt(links.size());
                links.setUp(link, !links.isUp(link));
            }
            if (packets.random().nextInt(200) == 0) {
                // The kernel's queue fills (every write refused from now on), then drains.
                full = !full;
                tun.capacity(full ? tun.written().size() : Integer.MAX_VALUE);
            }
            ByteBuf p = packets.next();
            DropReason malformed = RandomPackets.verdict(p);
            try {
                if (packets.random().nextBoolean()) {
                    lanIn++;
                    int link = accounting.fromLan(steering, p);
                    if (link >= 0) {
                        assertThat(links.isUp(link)).as("seed %d: packet %d handed to a link that is down", seed, n).isTrue();
                        toLinks++;
                        sending[link].countIn(); // the link's endpoint takes it and sends it
                        sending[link].countOut();
                    } else if (malformed != DropReason.NONE) {
                        expected.increment(malformed);
                    } else {
                        expected.increment(DropReason.NO_ROUTE);
                    }
                } else {
                    linkIn++;
                    int link = packets.random().nextInt(links.size());
                    int verdict = accounting.fromLink(steering, p, link);
                    if (verdict == FlowSteering.TO_LAN) {
                        toTun++;
                        accounting.toTun(tun, p);
                        if (full) {
                            expected.increment(DropReason.TUN_WRITE_REFUSED);
                        }
                    } else {
                        assertThat(verdict).as("seed %d: packet %d from a link: to the LAN or dropped", seed, n)
                                .isEqualTo(FlowSteering.DROP);
                        assertThat(malformed).as("seed %d: packet %d from a link dropped though well-formed", seed, n)
                                .isNotEqualTo(DropReason.NONE);
                        expected.increment(malformed);
                    }
                }
            } finally {
                p.release();
            }
        }

        NodeAccounting books = accounting.books();
        assertThat(books.problems()).as("seed %d: the books balance, path by path", seed).isEmpty();
        assertThat(books.in()).as("seed %d: node in", seed).isEqualTo(lanIn + linkIn);
        assertThat(books.out() + books.dropped()).as("seed %d: node in = out + dropped", seed).isEqualTo(books.in());
        PathCounters lan = books.paths().getFirst();
        assertThat(lan.in()).isEqualTo(lanIn);
        assertThat(lan.out()).as("seed %d: lan path handed to links", seed).isEqualTo(toLinks);
        long tunWritten = books.paths().getLast().out();
        assertThat(tunWritten).as("seed %d: what the TUN took", seed).isEqualTo(tun.written().size());
        for (DropReason r : DropReason.values()) {
            long counted = books.paths().stream().mapToLong(p -> p.dropped(r)).sum();
            assertThat(counted).as("seed %d: drops for %s", seed, r).isEqualTo(expected.get(r));
        }
        assertThat(toTun).isEqualTo(books.paths().getLast().in());
        // The steering's own status counters tell the same story as the books.
        assertThat(steering.drops().total() + steering.counters().noRoute())
                .as("seed %d: steering's drops and no-route = the books' drops before the TUN", seed)
                .isEqualTo(books.dropped() - books.paths().getLast().dropped());
    }
}
