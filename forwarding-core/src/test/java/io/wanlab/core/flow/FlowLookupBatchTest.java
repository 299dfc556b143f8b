package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link FlowTable#lookup(FlowLookupBatch)}: the same answers as one-by-one lookups, and the batch's bounds. */
class FlowLookupBatchTest {
    private static final int SERVER = 0xC633_6407;
    private static final int TCP = 6;
    private static final int UDP = 17;

    @Test
    void findsBothDirectionsAndMissesInOneBatch() {
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(64));
        int tcp = table.lookupOrCreate(0x0A00_0001, SERVER, TCP, 40000, 443, 0);
        int udp = table.lookupOrCreate(0x0A00_0002, SERVER, UDP, 5000, 53, 0);
        FlowLookupBatch batch = new FlowLookupBatch(8);

        assertThat(batch.add(0x0A00_0001, SERVER, TCP, 40000, 443)).isZero();
        batch.add(SERVER, 0x0A00_0002, UDP, 53, 5000);
        batch.add(0x0A00_0001, SERVER, UDP, 40000, 443); // same addresses and ports, other protocol
        batch.add(SERVER, 0x0A00_0001, TCP, 443, 40000);
        assertThat(batch.slot(0)).as("before the lookup").isEqualTo(-1);
        table.lookup(batch);

        assertThat(batch.size()).isEqualTo(4);
        assertThat(batch.slot(0)).isEqualTo(tcp);
        assertThat(batch.slot(1)).isEqualTo(udp);
        assertThat(batch.slot(2)).isEqualTo(-1);
        assertThat(batch.slot(3)).isEqualTo(tcp);
    }

    @Test
    void emptyBatchAndClearedBatchLookUpNothing() {
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(64));
        int slot = table.lookupOrCreate(0x0A00_0001, SERVER, TCP, 40000, 443, 0);
        FlowLookupBatch batch = new FlowLookupBatch(2);
        table.lookup(batch);
        assertThat(batch.size()).isZero();

        batch.add(0x0A00_0009, SERVER, TCP, 40000, 443);
        batch.add(0x0A00_0001, SERVER, TCP, 40000, 443);
        table.lookup(batch);
        batch.clear();
        batch.add(0x0A00_0001, SERVER, TCP, 40000, 443);
        table.lookup(batch);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.slot(0)).isEqualTo(slot);
        assertThatThrownBy(() -> batch.slot(1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index: 1");
    }

    @Test
    void aRemovedFlowIsNoLongerFoundAndItsClusterStillIs() {
        // One home cell for every key: the batch must probe past its loaded home cell, across the hole.
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(16), 0L, 5L);
        int[] slots = new int[10];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = table.lookupOrCreate(0x0A00_0000 + i, SERVER, TCP, 40000, 443, 0);
        }
        table.remove(slots[3]);
        FlowLookupBatch batch = new FlowLookupBatch(slots.length);
        for (int i = 0; i < slots.length; i++) {
            batch.add(SERVER, 0x0A00_0000 + i, TCP, 443, 40000);
        }
        table.lookup(batch);
        for (int i = 0; i < slots.length; i++) {
            assertThat(batch.slot(i)).as("flow %d", i).isEqualTo(i == 3 ? -1 : slots[i]);
        }
    }

    @Test
    void aFullBatchAndABadCapacityAreRefusedNamingTheLimit() {
        FlowLookupBatch batch = new FlowLookupBatch(1);
        batch.add(1, 2, TCP, 3, 4);
        assertThatThrownBy(() -> batch.add(1, 2, TCP, 3, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("batch is full (1 tuples)");
        assertThatThrownBy(() -> new FlowLookupBatch(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new FlowTable(FlowTableConfig.defaults()).lookup(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("batch");
    }
}
