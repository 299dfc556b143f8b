package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-packet calls allocate nothing, measured with the JVM's per-thread allocation counter. */
class FlowTableAllocationTest {
    private static final int SERVER = 0xC633_6407;

    @Test
    void perPacketCallsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs com.sun.management.ThreadMXBean to read allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation accounting is off in this JVM");
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(4096));
        table.setRemovalListener((t, slot, kind, cause) -> { });
        long threadId = Thread.currentThread().threadId();
        FlowLookupBatch batch = new FlowLookupBatch(32);
        for (int i = 0; i < 20; i++) {
            batched(table, batch);
        }
        packets(table, 0, 200_000); // creates, evicts and expires; warms up

        long before = threads.getThreadAllocatedBytes(threadId);
        long sink = packets(table, 200_000, 200_000) + batched(table, batch);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(sink).isNotZero();
        assertThat(allocated).as("bytes allocated over 200,000 packets").isLessThan(1024);
    }

    /** Batched lookups of the same tuples, both directions. */
    private static long batched(FlowTable table, FlowLookupBatch batch) {
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            int src = 0x0A00_0000 + i;
            batch.add(src, SERVER, 6, 40000, 443);
            batch.add(SERVER, src, 6, 443, 40000);
            if (batch.size() == batch.capacity()) {
                table.lookup(batch);
                for (int k = 0; k < batch.size(); k++) {
                    sink += batch.slot(k);
                }
                batch.clear();
            }
        }
        return sink;
    }

    private static long packets(FlowTable table, int first, int count) {
        long sink = 0;
        for (int i = first; i < first + count; i++) {
            int src = 0x0A00_0000 + (i % 20_000);
            long now = i * 1_000_000L;
            int slot = table.lookupOrCreate(src, SERVER, 6, 40000, 443, now);
            boolean forward = table.isForward(slot, src, 40000);
            table.touch(slot, now, forward, 1500);
            table.onTcpSegment(slot, TcpTracker.FLAG_ACK, forward);
            table.setForwardLink(slot, i & 3);
            sink += table.lookup(SERVER, src, 6, 443, 40000) + table.flowId(slot) + table.kind(slot).ordinal();
            if ((i & 63) == 0) {
                sink += table.expire(now, 32);
            }
        }
        return sink;
    }
}
