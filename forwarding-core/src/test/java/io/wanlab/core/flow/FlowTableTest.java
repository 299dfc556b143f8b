package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final int CLIENT = Ipv4.parse("10.1.0.20");
    private static final int SERVER = Ipv4.parse("198.51.100.7");
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final long T0 = 5_000_000_000L;

    private final FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(4096));

    @Test
    void bothDirectionsFindTheSameSlotAndKnowTheInitiator() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);

        assertThat(table.lookup(SERVER, CLIENT, TCP, 443, 40000)).isEqualTo(slot);
        assertThat(table.lookupOrCreate(SERVER, CLIENT, TCP, 443, 40000, T0)).isEqualTo(slot);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.isForward(slot, CLIENT, 40000)).isTrue();
        assertThat(table.isForward(slot, SERVER, 443)).isFalse();
        assertThat(table.initiatorIp(slot)).isEqualTo(CLIENT);
        assertThat(table.initiatorPort(slot)).isEqualTo(40000);
        assertThat(table.responderIp(slot)).isEqualTo(SERVER);
        assertThat(table.responderPort(slot)).isEqualTo(443);
        assertThat(table.protocol(slot)).isEqualTo(TCP);
    }

    @Test
    void initiatorIsWhoeverSentFirstEvenWhenItSortsHigh() {
        int slot = table.lookupOrCreate(SERVER, CLIENT, UDP, 53, 5353, T0);

        assertThat(table.isForward(slot, SERVER, 53)).as("the higher address created the flow").isTrue();
        assertThat(table.isForward(slot, CLIENT, 5353)).isFalse();
        assertThat(table.initiatorIp(slot)).isEqualTo(SERVER);
        assertThat(table.responderPort(slot)).isEqualTo(5353);
    }

    @Test
    void sameAddressDifferentPortsKeepsDirections() {
        int slot = table.lookupOrCreate(CLIENT, CLIENT, UDP, 2000, 1000, T0);

        assertThat(table.lookup(CLIENT, CLIENT, UDP, 1000, 2000)).isEqualTo(slot);
        assertThat(table.isForward(slot, CLIENT, 2000)).isTrue();
        assertThat(table.isForward(slot, CLIENT, 1000)).isFalse();
    }

    @Test
    void protocolAndPortsAreDistinguished() {
        int tcp = table.lookupOrCreate(CLIENT, SERVER, TCP, 1000, 2000, T0);

        assertThat(table.lookup(CLIENT, SERVER, UDP, 1000, 2000)).isEqualTo(-1);
        assertThat(table.lookup(CLIENT, SERVER, TCP, 2000, 1000)).as("ports swapped is another flow").isEqualTo(-1);
        assertThat(table.lookupOrCreate(CLIENT, SERVER, UDP, 1000, 2000, T0)).isNotEqualTo(tcp);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void newFlowStartsBlank() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);

        assertThat(table.state(slot)).isEqualTo(FlowState.NEW);
        assertThat(table.transport(slot)).isNull();
        assertThat(table.ruleIndex(slot)).isEqualTo(FlowTable.NO_RULE);
        assertThat(table.forwardLink(slot)).isEqualTo(FlowTable.NO_LINK);
        assertThat(table.reverseLink(slot)).isEqualTo(FlowTable.NO_LINK);
        assertThat(table.lastSeenNanos(slot)).isEqualTo(T0);
        assertThat(table.forwardPackets(slot) + table.reversePackets(slot)).isZero();
        assertThat(table.tcpBits(slot)).isZero();
        assertThat(table.appState(slot)).isZero();
        assertThat(table.kind(slot)).isEqualTo(FlowKind.TCP_HALF_OPEN);
    }

    @Test
    void fieldsReadBackAndTouchCountsPerDirection() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, UDP, 40000, 53, T0);
        table.setState(slot, FlowState.DECIDED);
        table.setTransport(slot, Transport.OFF_CLOUD);
        table.setRuleIndex(slot, 7);
        table.setForwardLink(slot, 2);
        table.setReverseLink(slot, FlowTable.MAX_LINK);
        table.setAppState(slot, -42);
        table.touch(slot, T0 + 1, true, 60);
        table.touch(slot, T0 + 2, true, 40);
        table.touch(slot, T0 + 3, false, 500);

        assertThat(table.state(slot)).isEqualTo(FlowState.DECIDED);
        assertThat(table.transport(slot)).isEqualTo(Transport.OFF_CLOUD);
        assertThat(table.ruleIndex(slot)).isEqualTo(7);
        assertThat(table.forwardLink(slot)).isEqualTo(2);
        assertThat(table.reverseLink(slot)).isEqualTo(FlowTable.MAX_LINK);
        assertThat(table.appState(slot)).isEqualTo(-42);
        assertThat(table.forwardPackets(slot)).isEqualTo(2);
        assertThat(table.forwardBytes(slot)).isEqualTo(100);
        assertThat(table.reversePackets(slot)).isEqualTo(1);
        assertThat(table.reverseBytes(slot)).isEqualTo(500);
        assertThat(table.lastSeenNanos(slot)).isEqualTo(T0 + 3);
    }

    @Test
    void tcpSegmentsDriveTheKind() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);
        table.onTcpSegment(slot, TcpTracker.FLAG_SYN, true);
        table.onTcpSegment(slot, TcpTracker.FLAG_SYN | TcpTracker.FLAG_ACK, false);
        assertThat(table.kind(slot)).isEqualTo(FlowKind.TCP_HALF_OPEN);

        table.onTcpSegment(slot, TcpTracker.FLAG_ACK, true);
        assertThat(table.kind(slot)).isEqualTo(FlowKind.TCP_ESTABLISHED);

        table.onTcpSegment(slot, TcpTracker.FLAG_FIN | TcpTracker.FLAG_ACK, false);
        assertThat(table.kind(slot)).isEqualTo(FlowKind.TCP_CLOSING);
    }

    @Test
    void flowIdsAreMonotonic() {
        long previous = 0;
        for (int i = 0; i < 100; i++) {
            int slot = table.lookupOrCreate(CLIENT, SERVER, UDP, 1000 + i, 53, T0);
            assertThat(table.flowId(slot)).isGreaterThan(previous);
            previous = table.flowId(slot);
        }
    }

    @Test
    void manyDistinctFlowsAreAllFoundAgain() {
        FlowTable big = new FlowTable(FlowTableConfig.defaults().withCapacity(50_000));
        int[] slots = new int[50_000];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = big.lookupOrCreate(CLIENT + i, SERVER, TCP, 1024 + (i % 50_000), 443, T0);
        }
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < slots.length; i++) {
            assertThat(big.lookup(SERVER, CLIENT + i, TCP, 443, 1024 + (i % 50_000))).isEqualTo(slots[i]);
            distinct.add(slots[i]);
        }
        assertThat(distinct).hasSize(slots.length);
        assertThat(big.size()).isEqualTo(slots.length);
        assertThat(big.stats().evictions().total()).as("nothing evicted at exactly capacity").isZero();
    }

    @Test
    void aSlotHeldAcrossRemoveAndInsertMayNameAnotherFlow() {
        int first = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);
        long firstId = table.flowId(first);

        table.remove(first);
        int second = table.lookupOrCreate(CLIENT, SERVER, TCP, 40001, 443, T0);

        assertThat(second).as("the freed slot is reused").isEqualTo(first);
        assertThat(table.flowId(first)).as("so a stale slot now reads another flow").isNotEqualTo(firstId);
        assertThat(table.initiatorPort(first)).isEqualTo(40001);
        assertThat(table.lookup(CLIENT, SERVER, TCP, 40000, 443)).isEqualTo(-1);
    }

    @Test
    void removeRejectsASlotThatIsNotLive() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);
        table.remove(slot);

        assertThatThrownBy(() -> table.remove(slot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot: " + slot + " (expected: a live flow's slot)");
        assertThatThrownBy(() -> table.remove(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.remove(4096)).isInstanceOf(IllegalArgumentException.class);
        assertThat(table.stats().removes()).isEqualTo(1);
    }

    @Test
    void mutatorsRejectOutOfRangeValuesNamingThem() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, TCP, 40000, 443, T0);

        assertThatThrownBy(() -> table.setForwardLink(slot, 40000)).hasMessage("link: 40000 (expected: -1..32767)");
        assertThatThrownBy(() -> table.setReverseLink(slot, -2)).hasMessage("link: -2 (expected: -1..32767)");
        assertThatThrownBy(() -> table.setRuleIndex(slot, -3)).hasMessage("rule: -3 (expected: >= -1)");
        assertThatThrownBy(() -> table.setTcpBits(slot, 0x80)).hasMessageStartingWith("tcpBits: 128");
        assertThatThrownBy(() -> table.expire(T0, -1)).hasMessage("maxEntries: -1 (expected: >= 0)");
    }

    @Test
    void forEachVisitsExactlyTheLiveFlows() {
        List<Integer> created = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            created.add(table.lookupOrCreate(CLIENT, SERVER, UDP, 2000 + i, 53, T0));
        }
        table.remove(created.get(3));
        table.remove(created.get(7));
        List<Integer> ports = new ArrayList<>();

        table.forEach((t, slot) -> ports.add(t.initiatorPort(slot)));

        assertThat(ports).containsExactlyInAnyOrder(2000, 2001, 2002, 2004, 2005, 2006, 2008, 2009);
    }

    @Test
    void statsCountInsertsAndRemoves() {
        int slot = table.lookupOrCreate(CLIENT, SERVER, UDP, 1, 2, T0);
        table.lookupOrCreate(CLIENT, SERVER, UDP, 1, 3, T0);
        table.lookupOrCreate(SERVER, CLIENT, UDP, 2, 1, T0);
        table.remove(slot);

        FlowTableStats stats = table.stats();
        assertThat(stats.size()).isEqualTo(1);
        assertThat(stats.capacity()).isEqualTo(4096);
        assertThat(stats.inserts()).as("the reply found the existing flow").isEqualTo(2);
        assertThat(stats.removes()).isEqualTo(1);
    }

    @Test
    void aMillionFlowsTakeUnderAHundredAndThirtyMegabytes() {
        FlowTable million = new FlowTable(FlowTableConfig.defaults().withCapacity(1_000_000));

        long bytes = million.memoryBytes();

        // 88 bytes of per-flow data plus 2 x 16-byte index cells (keys live in the cells so a hit is one miss).
        assertThat(bytes / 1_000_000).as("bytes per flow, index included").isBetween(115L, 125L);
        assertThat(bytes).isLessThan(130L * 1024 * 1024);
    }
}
