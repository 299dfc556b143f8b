package io.wanlab.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DropCountersTest {
    private final DropCounters counters = new DropCounters();

    @Test
    void countsPerReasonAndIgnoresAccepted() {
        counters.increment(DropReason.FRAGMENT);
        counters.increment(DropReason.FRAGMENT);
        counters.increment(DropReason.TRUNCATED);
        counters.increment(DropReason.NONE);
        assertThat(counters.get(DropReason.FRAGMENT)).isEqualTo(2);
        assertThat(counters.get(DropReason.TRUNCATED)).isEqualTo(1);
        assertThat(counters.get(DropReason.NONE)).as("accepted packets are not drops").isZero();
        assertThat(counters.total()).isEqualTo(3);
    }

    @Test
    void acceptCountsAndAnswers() {
        assertThat(counters.accept(DropReason.NONE)).isTrue();
        assertThat(counters.accept(DropReason.UDP_BAD_LENGTH)).isFalse();
        assertThat(counters.total()).isEqualTo(1);
    }

    @Test
    void snapshotHoldsNonZeroCountsInOrderAndIsImmutable() {
        counters.increment(DropReason.ICMP_TRUNCATED);
        counters.increment(DropReason.TRUNCATED);
        Map<DropReason, Long> snapshot = counters.snapshot();
        assertThat(snapshot).containsExactly(Map.entry(DropReason.TRUNCATED, 1L), Map.entry(DropReason.ICMP_TRUNCATED, 1L));
        assertThatThrownBy(() -> snapshot.put(DropReason.FRAGMENT, 1L)).isInstanceOf(UnsupportedOperationException.class);
        counters.increment(DropReason.TRUNCATED);
        assertThat(snapshot.get(DropReason.TRUNCATED)).as("a copy, not a live view").isEqualTo(1L);
        assertThat(counters).hasToString("DropCounters{TRUNCATED=2, ICMP_TRUNCATED=1}");
    }

    @Test
    void addToSumsAndResetClears() {
        DropCounters sum = new DropCounters();
        counters.increment(DropReason.FRAGMENT);
        counters.addTo(sum);
        counters.addTo(sum);
        assertThat(sum.get(DropReason.FRAGMENT)).isEqualTo(2);
        counters.reset();
        assertThat(counters.total()).isZero();
        assertThat(counters.snapshot()).isEmpty();
    }

    @Test
    void viewCountsThroughTheOverload() {
        PacketView view = new PacketView();
        view.wrap(PacketFixtures.exact(new byte[5]), 0, 5, counters);
        view.wrap(PacketFixtures.exact(PacketFixtures.realPackets().get("syn")), 0, 44, counters);
        assertThat(counters.snapshot()).containsExactly(Map.entry(DropReason.TRUNCATED, 1L));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> counters.increment(null)).isInstanceOf(NullPointerException.class).hasMessage("reason");
    }
}
