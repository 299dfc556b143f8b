package io.wanlab.core.flow;

import static io.wanlab.core.flow.TcpTracker.FLAG_ACK;
import static io.wanlab.core.flow.TcpTracker.FLAG_SYN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A flood of new flows against a small table: memory stays bounded and the right flows stay. */
class FlowTableCapacityTest {
    private static final int CAPACITY = 1024;
    private static final int FLOOD = 100_000;
    private static final long MICROSECOND = 1_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int SERVER = 0xC633_6407;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(CAPACITY));
    private final RecordingRemovalListener listener = new RecordingRemovalListener();

    FlowTableCapacityTest() {
        table.setRemovalListener(listener);
    }

    /** Flow i of the flood: a distinct spoofed source address and port. */
    private static int floodSource(int i) {
        return 0x6400_0000 + i;
    }

    private int synFrom(int src, int port, long now) {
        int slot = table.lookupOrCreate(src, SERVER, TCP, port, 443, now);
        table.touch(slot, now, true, 60);
        table.onTcpSegment(slot, FLAG_SYN, true);
        return slot;
    }

    private int establish(int src, int port, long now) {
        int slot = synFrom(src, port, now);
        table.touch(slot, now, false, 60);
        table.onTcpSegment(slot, FLAG_SYN | FLAG_ACK, false);
        table.touch(slot, now, true, 52);
        table.onTcpSegment(slot, FLAG_ACK, true);
        return slot;
    }

    @Test
    void aFloodNeverGrowsPastCapacityAndTheNewestFlowsStay() {
        long now = 0;
        for (int i = 0; i < FLOOD; i++) {
            synFrom(floodSource(i), 1024 + (i & 0x7FFF), now += MICROSECOND);
            assertThat(table.size()).isLessThanOrEqualTo(CAPACITY);
        }

        FlowTableStats stats = table.stats();
        assertThat(stats.size()).isEqualTo(CAPACITY);
        assertThat(stats.inserts()).isEqualTo(FLOOD);
        assertThat(stats.evictions()).isEqualTo(new FlowKindCounts(FLOOD - CAPACITY, 0, 0, 0, 0));
        assertThat(stats.expirations().total()).isZero();
        assertThat(listener.removals).hasSize(FLOOD - CAPACITY);
        for (int i = FLOOD - CAPACITY; i < FLOOD; i++) {
            assertThat(table.lookup(floodSource(i), SERVER, TCP, 1024 + (i & 0x7FFF), 443))
                    .as("flow %d of the last %d is still there", i, CAPACITY).isNotNegative();
        }
    }

    @Test
    void establishedFlowsOutliveASynFlood() {
        long now = 0;
        for (int i = 0; i < CAPACITY / 2; i++) {
            establish(0x0A00_0000 + i, 50000, now);
        }

        for (int i = 0; i < FLOOD; i++) {
            synFrom(floodSource(i), 2000, now += MICROSECOND);
        }

        for (int i = 0; i < CAPACITY / 2; i++) {
            int slot = table.lookup(SERVER, 0x0A00_0000 + i, TCP, 443, 50000);
            assertThat(slot).as("established flow %d survived", i).isNotNegative();
            assertThat(table.kind(slot)).isEqualTo(FlowKind.TCP_ESTABLISHED);
        }
        assertThat(table.stats().evictions().tcpEstablished()).isZero();
        assertThat(table.stats().evictions().tcpHalfOpen()).isEqualTo(FLOOD - CAPACITY / 2);
    }

    @Test
    void repliedUdpOutlivesAUdpSpray() {
        long now = 0;
        for (int i = 0; i < CAPACITY / 2; i++) {
            int slot = table.lookupOrCreate(0x0A00_0000 + i, SERVER, UDP, 5000, 53, now);
            table.touch(slot, now, true, 80);
            table.touch(slot, now, false, 200);
        }

        for (int i = 0; i < FLOOD; i++) {
            int slot = table.lookupOrCreate(floodSource(i), SERVER, UDP, 5000, 53, now += MICROSECOND);
            table.touch(slot, now, true, 80);
        }

        assertThat(table.stats().evictions()).isEqualTo(new FlowKindCounts(0, 0, 0, FLOOD - CAPACITY / 2, 0));
        for (int i = 0; i < CAPACITY / 2; i++) {
            assertThat(table.lookup(0x0A00_0000 + i, SERVER, UDP, 5000, 53)).isNotNegative();
        }
    }

    @Test
    void aTableFullOfEstablishedFlowsDropsTheStaleOnesForNewFlows() {
        int[] slots = new int[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = establish(0x0A00_0000 + i, 50000, 0);
        }
        for (int i = 0; i < CAPACITY; i += 2) {
            table.touch(slots[i], SECOND, true, 100);
        }
        long now = 2 * SECOND;

        for (int i = 0; i < 100; i++) {
            synFrom(floodSource(i), 3000, now);
        }

        for (int i = 0; i < 100; i++) {
            assertThat(table.lookup(floodSource(i), SERVER, TCP, 3000, 443))
                    .as("few new flows get in rather than push each other out").isNotNegative();
        }
        for (int i = 0; i < CAPACITY; i += 2) {
            assertThat(table.lookup(0x0A00_0000 + i, SERVER, TCP, 50000, 443))
                    .as("recently seen flow %d stays", i).isNotNegative();
        }
        assertThat(table.stats().evictions()).isEqualTo(new FlowKindCounts(0, 100, 0, 0, 0));
        assertThat(listener.removals).allSatisfy(r -> assertThat(r.cause()).isEqualTo(RemovalCause.EVICTED));
    }

    @Test
    void aFullTableReclaimsAnIdleFlowBeforeEvicting() {
        for (int i = 0; i < CAPACITY; i++) {
            table.lookupOrCreate(0x0A00_0000 + i, SERVER, UDP, 5000, 53, 0);
        }

        int slot = table.lookupOrCreate(floodSource(0), SERVER, UDP, 5000, 53, 61 * SECOND);

        assertThat(slot).isNotNegative();
        assertThat(table.stats().evictions().total()).isZero();
        assertThat(table.stats().expirations().udp()).as("one sweep step of %d slots, all idle", FlowTable.SAMPLE)
                .isEqualTo(FlowTable.SAMPLE);
        assertThat(table.size()).isEqualTo(CAPACITY - FlowTable.SAMPLE + 1);
    }

    @Test
    void aTableOfOneAlwaysHoldsTheNewestFlow() {
        FlowTable tiny = new FlowTable(FlowTableConfig.defaults().withCapacity(1));
        for (int i = 0; i < 100; i++) {
            tiny.lookupOrCreate(floodSource(i), SERVER, UDP, 1, 2, i);

            assertThat(tiny.size()).isEqualTo(1);
            assertThat(tiny.lookup(floodSource(i), SERVER, UDP, 1, 2)).isZero();
        }
        assertThat(tiny.stats().evictions().udp()).isEqualTo(99);
    }
}
