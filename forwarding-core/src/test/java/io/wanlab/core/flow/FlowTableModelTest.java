package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Random operations against a {@link HashMap} model, with the hash squeezed to force clusters. */
class FlowTableModelTest {
    private static final int CAPACITY = 2048;
    private static final int CELLS = 2 * CAPACITY;
    private static final long SECOND = 1_000_000_000L;

    private record Endpoint(int ip, int port) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            int c = Integer.compareUnsigned(ip, o.ip);
            return c != 0 ? c : Integer.compare(port, o.port);
        }
    }

    /** A tuple as sent (src first), and the direction-free key the model files it under. */
    private record Tuple(Endpoint src, Endpoint dst, int protocol) {
        Tuple reversed() {
            return new Tuple(dst, src, protocol);
        }

        List<Object> key() {
            return src.compareTo(dst) <= 0 ? List.of(src, dst, protocol) : List.of(dst, src, protocol);
        }

        int lookupIn(FlowTable t) {
            return t.lookup(src.ip, dst.ip, protocol, src.port, dst.port);
        }

        int createIn(FlowTable t, long now) {
            return t.lookupOrCreate(src.ip, dst.ip, protocol, src.port, dst.port, now);
        }

        static Tuple of(FlowTable t, int slot) {
            return new Tuple(new Endpoint(t.initiatorIp(slot), t.initiatorPort(slot)),
                    new Endpoint(t.responderIp(slot), t.responderPort(slot)), t.protocol(slot));
        }
    }

    static Stream<Arguments> hashShapes() {
        return Stream.of(
                Arguments.of("full hash", -1L, 0L),
                Arguments.of("8 home cells", 7L, 0L),
                Arguments.of("8 home cells wrapping past the end", 7L, (long) CELLS - 4),
                Arguments.of("one home cell", 0L, 100L));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("hashShapes")
    void matchesTheModelUnderRandomInsertsAndRemoves(String name, long hashAnd, long hashXor) {
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(CAPACITY), hashAnd, hashXor);
        Random random = new Random(20240611L);
        List<Tuple> universe = universe(random, CAPACITY - 48);
        Map<List<Object>, Long> model = new HashMap<>();

        for (int op = 0; op < 30_000; op++) {
            Tuple tuple = universe.get(random.nextInt(universe.size()));
            if (random.nextBoolean()) {
                tuple = tuple.reversed();
            }
            int dice = random.nextInt(10);
            if (dice < 5) {
                int slot = tuple.createIn(table, 0);
                Long known = model.putIfAbsent(tuple.key(), table.flowId(slot));
                assertThat(known == null || known == table.flowId(slot)).as("an existing flow keeps its id").isTrue();
            } else if (dice < 8) {
                int slot = tuple.lookupIn(table);
                assertThat(slot >= 0).as("present in table iff in model").isEqualTo(model.containsKey(tuple.key()));
                if (slot >= 0) {
                    table.remove(slot);
                    model.remove(tuple.key());
                }
            } else {
                assertThat(tuple.lookupIn(table) >= 0).isEqualTo(model.containsKey(tuple.key()));
            }
            if (op % 1000 == 999) {
                assertAgrees(table, model, universe);
            }
        }
        assertAgrees(table, model, universe);
    }

    @Test
    void matchesTheModelWhileEvictingAndExpiring() {
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(256), 63L, 0L);
        Map<List<Object>, Long> model = new HashMap<>();
        table.setRemovalListener((t, slot, kind, cause) -> {
            Long removed = model.remove(Tuple.of(t, slot).key());
            assertThat(removed).as("the listener sees the flow before it is cleared").isEqualTo(t.flowId(slot));
        });
        Random random = new Random(7L);
        List<Tuple> universe = universe(random, 5_000);
        long now = 0;

        for (int op = 0; op < 50_000; op++) {
            now += random.nextInt(500) == 0 ? 45 * SECOND : SECOND / 100;
            Tuple tuple = universe.get(random.nextInt(universe.size()));
            int slot = tuple.createIn(table, now);
            table.touch(slot, now, table.isForward(slot, tuple.src.ip, tuple.src.port), 100);
            model.putIfAbsent(tuple.key(), table.flowId(slot));
            if (random.nextInt(50) == 0) {
                table.expire(now, 64);
            }
            assertThat(table.size()).isLessThanOrEqualTo(256);
        }
        assertAgrees(table, model, universe);
        FlowTableStats stats = table.stats();
        assertThat(stats.evictions().total()).isPositive();
        assertThat(stats.expirations().total()).isPositive();
        assertThat(stats.inserts() - stats.evictions().total() - stats.expirations().total()).isEqualTo(stats.size());
    }

    private static void assertAgrees(FlowTable table, Map<List<Object>, Long> model, List<Tuple> universe) {
        assertThat(table.size()).isEqualTo(model.size());
        for (Tuple tuple : universe) {
            int forward = tuple.lookupIn(table);
            int reverse = tuple.reversed().lookupIn(table);
            assertThat(reverse).isEqualTo(forward);
            Long id = model.get(tuple.key());
            if (id == null) {
                assertThat(forward).as("absent from the model, absent from the table: %s", tuple).isEqualTo(-1);
            } else {
                assertThat(forward).as("in the model, found in the table: %s", tuple).isNotNegative();
                assertThat(table.flowId(forward)).isEqualTo(id);
            }
        }
        assertBatchAgrees(table, universe);
    }

    /** The batched lookup finds what the one-by-one lookup finds, over the same (clustered) index. */
    private static void assertBatchAgrees(FlowTable table, List<Tuple> universe) {
        FlowLookupBatch batch = new FlowLookupBatch(7);
        List<Tuple> asked = new ArrayList<>();
        for (int i = 0; i < universe.size(); i++) {
            Tuple tuple = (i & 1) == 0 ? universe.get(i) : universe.get(i).reversed();
            batch.add(tuple.src.ip, tuple.dst.ip, tuple.protocol, tuple.src.port, tuple.dst.port);
            asked.add(tuple);
            if (batch.size() == batch.capacity() || i == universe.size() - 1) {
                table.lookup(batch);
                for (int k = 0; k < batch.size(); k++) {
                    assertThat(batch.slot(k)).as("batched lookup of %s", asked.get(k)).isEqualTo(asked.get(k).lookupIn(table));
                }
                batch.clear();
                asked.clear();
            }
        }
    }

    /** Distinct tuples over few addresses and ports, so that many share an endpoint. */
    private static List<Tuple> universe(Random random, int count) {
        Map<List<Object>, Tuple> distinct = new HashMap<>();
        while (distinct.size() < count) {
            Endpoint a = new Endpoint(0x0A00_0000 | random.nextInt(16), 1000 + random.nextInt(64));
            Endpoint b = new Endpoint(random.nextBoolean() ? 0xC633_6400 | random.nextInt(16) : 0xF000_0001, 443 + random.nextInt(4));
            Tuple tuple = new Tuple(a, b, random.nextBoolean() ? 6 : 17);
            distinct.putIfAbsent(tuple.key(), tuple);
        }
        return new ArrayList<>(distinct.values());
    }
}
