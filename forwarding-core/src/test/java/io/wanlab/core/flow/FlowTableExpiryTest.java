package io.wanlab.core.flow;

import static io.wanlab.core.flow.TcpTracker.FLAG_ACK;
import static io.wanlab.core.flow.TcpTracker.FLAG_FIN;
import static io.wanlab.core.flow.TcpTracker.FLAG_SYN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlowTableExpiryTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int CLIENT = 0x0A00_0001;
    private static final int SERVER = 0xC633_6407;
    private static final int ALL = Integer.MAX_VALUE;

    private final FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(1024));
    private final RecordingRemovalListener listener = new RecordingRemovalListener();

    FlowTableExpiryTest() {
        table.setRemovalListener(listener);
    }

    /** Creates one flow of the kind at {@code now}, with the packets that make it that kind. */
    private int create(FlowKind kind, int port, long now) {
        int protocol = switch (kind) {
            case TCP_HALF_OPEN, TCP_ESTABLISHED, TCP_CLOSING -> 6;
            case UDP -> 17;
            case OTHER -> 1;
        };
        int slot = table.lookupOrCreate(CLIENT, SERVER, protocol, port, 443, now);
        table.touch(slot, now, true, 60);
        if (protocol != 6) {
            return slot;
        }
        table.onTcpSegment(slot, FLAG_SYN, true);
        if (kind == FlowKind.TCP_HALF_OPEN) {
            return slot;
        }
        table.onTcpSegment(slot, FLAG_SYN | FLAG_ACK, false);
        table.onTcpSegment(slot, FLAG_ACK, true);
        if (kind == FlowKind.TCP_CLOSING) {
            table.onTcpSegment(slot, FLAG_FIN | FLAG_ACK, true);
        }
        return slot;
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(FlowKind.TCP_HALF_OPEN, 30),
                Arguments.of(FlowKind.TCP_ESTABLISHED, 300),
                Arguments.of(FlowKind.TCP_CLOSING, 10),
                Arguments.of(FlowKind.UDP, 60),
                Arguments.of(FlowKind.OTHER, 30));
    }

    @ParameterizedTest(name = "{index}: {0} after {1} s")
    @MethodSource("kinds")
    void eachKindExpiresAfterItsOwnIdleTime(FlowKind kind, int seconds) {
        long t0 = -7 * SECOND; // System.nanoTime() may be negative
        int slot = create(kind, 40000, t0);
        long id = table.flowId(slot);
        assertThat(table.kind(slot)).isEqualTo(kind);

        assertThat(table.expire(t0 + seconds * SECOND - 1, ALL)).as("one nanosecond early").isZero();
        assertThat(table.expire(t0 + seconds * SECOND, ALL)).isEqualTo(1);

        assertThat(table.size()).isZero();
        assertThat(table.lookup(CLIENT, SERVER, table.protocol(slot), 40000, 443)).isEqualTo(-1);
        assertThat(table.stats().expirations().get(kind)).isEqualTo(1);
        assertThat(table.stats().expirations().total()).isEqualTo(1);
        assertThat(listener.removals).containsExactly(new RecordingRemovalListener.Removal(id, 40000, kind, RemovalCause.EXPIRED));
    }

    @Test
    void allKindsTogetherLeaveInTimeoutOrder() {
        long t0 = 0;
        int port = 1000;
        for (FlowKind kind : FlowKind.values()) {
            create(kind, port++, t0);
        }

        assertThat(table.expire(t0 + 10 * SECOND, ALL)).isEqualTo(1);
        assertThat(table.expire(t0 + 30 * SECOND, ALL)).isEqualTo(2);
        assertThat(table.expire(t0 + 60 * SECOND, ALL)).isEqualTo(1);
        assertThat(table.expire(t0 + 299 * SECOND, ALL)).isZero();
        assertThat(table.expire(t0 + 300 * SECOND, ALL)).isEqualTo(1);

        assertThat(listener.removals).extracting(RecordingRemovalListener.Removal::kind).containsExactly(
                FlowKind.TCP_CLOSING, FlowKind.TCP_HALF_OPEN, FlowKind.OTHER, FlowKind.UDP, FlowKind.TCP_ESTABLISHED);
        assertThat(table.stats().expirations()).isEqualTo(new FlowKindCounts(1, 1, 1, 1, 1));
    }

    @Test
    void touchingKeepsAFlowAlive() {
        int slot = create(FlowKind.UDP, 5000, 0);

        table.touch(slot, 50 * SECOND, false, 100);

        assertThat(table.expire(100 * SECOND, ALL)).as("idle 50 s of 60").isZero();
        assertThat(table.expire(110 * SECOND, ALL)).isEqualTo(1);
    }

    @Test
    void idleTimeSurvivesTheNanoClockWrapping() {
        long t0 = Long.MAX_VALUE - 5 * SECOND;
        create(FlowKind.UDP, 5000, t0);

        assertThat(table.expire(t0 + 59 * SECOND, ALL)).as("now wrapped negative, idle still 59 s").isZero();
        assertThat(table.expire(t0 + 60 * SECOND, ALL)).isEqualTo(1);
    }

    @Test
    void oneCallDoesBoundedWorkAndTheNextResumes() {
        for (int i = 0; i < 1000; i++) {
            create(FlowKind.UDP, 2000 + i, 0);
        }
        long later = 61 * SECOND;

        assertThat(table.expire(later, 0)).isZero();
        assertThat(table.expire(later, 10)).as("at most 10 slots visited").isEqualTo(10);
        assertThat(table.expire(later, 10)).isEqualTo(10);
        assertThat(table.size()).isEqualTo(980);
        Set<Long> seen = new HashSet<>(listener.flowIds());
        assertThat(seen).as("the second call went on past the first").hasSize(20);

        int calls = 0;
        while (table.size() > 0) {
            assertThat(table.expire(later, 10)).isBetween(1, 10);
            calls++;
        }
        assertThat(calls).isEqualTo(98);
        assertThat(table.stats().expirations().udp()).isEqualTo(1000);
    }

    @Test
    void theHandSkipsLiveFlowsAndFreeSlotsButCountsThemAsWork() {
        int keep = create(FlowKind.TCP_ESTABLISHED, 1, 0);
        int gone = create(FlowKind.UDP, 2, 0);
        create(FlowKind.UDP, 3, 0);
        table.remove(gone);

        assertThat(table.expire(61 * SECOND, 2)).as("slots 0 (live, not idle) and 1 (free)").isZero();
        assertThat(table.expire(61 * SECOND, 1)).isEqualTo(1);
        assertThat(table.isLive(keep)).isTrue();
        assertThat(table.expire(61 * SECOND, ALL)).as("a call never visits a slot twice").isZero();
    }

    @Test
    void expireOnAnEmptyTableDoesNothing() {
        assertThat(table.expire(Long.MAX_VALUE, ALL)).isZero();
        assertThat(listener.removals).isEqualTo(List.of());
    }
}
