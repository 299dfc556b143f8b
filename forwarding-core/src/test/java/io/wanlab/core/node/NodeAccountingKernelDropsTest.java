package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The once-a-second report of the kernel's own drop counters. */
class NodeAccountingKernelDropsTest {
    private final NodeAccounting books = new NodeAccounting();
    private final List<Event> events = new ArrayList<>();

    private void report(long txDropped) {
        books.reportDrops(events::add, "socket-a", Map.of("wl-sa", new KernelCounters.Device(100, 0, 200, txDropped)));
    }

    @Test
    void reportsWhatTheKernelDroppedSinceTheLastReadingNotBefore() {
        report(7);
        assertThat(events).as("the first reading is where counting starts").isEmpty();

        report(10);

        assertThat(events).singleElement().isInstanceOfSatisfying(Event.PacketDropped.class,
                d -> assertThat(d.detail()).startsWith("3 packets dropped by the kernel (wl-sa tx_dropped 10)"));
    }

    @Test
    void aCounterThatCouldNotBeReadOnceIsNoDrop() {
        report(7);
        report(-1);
        report(7);

        assertThat(events).as("7 after an unreadable -1 is no growth").isEmpty();
        report(9);
        assertThat(events).singleElement().isInstanceOfSatisfying(Event.PacketDropped.class,
                d -> assertThat(d.detail()).startsWith("2 packets dropped by the kernel"));
    }
}
