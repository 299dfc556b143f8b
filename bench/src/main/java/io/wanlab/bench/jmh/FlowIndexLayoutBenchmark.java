package io.wanlab.bench.jmh;

import io.wanlab.core.flow.FlowKey;
import io.wanlab.core.flow.FlowLookupBatch;
import io.wanlab.core.flow.FlowTable;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Flow index layouts side by side, table only (no packet parsing): the same 5-tuples, the same
 * random query stream as {@link FlowLookupBenchmark}, at 1k, 100k and 1M flows.
 * <ul>
 *   <li>{@code index}: {@link FlowTable#lookup(int, int, int, int, int)} one by one, the reference
 *       (16-byte cells holding the whole key and the slot);</li>
 *   <li>{@code batch8}, {@code batch32}: {@link FlowTable#lookup(FlowLookupBatch)}, 8 or 32
 *       tuples per batch (home cells loaded in one branch-free pass, then compared);</li>
 *   <li>{@code tag8}: {@link FingerprintIndex} with 4-byte cells, an 8-bit fingerprint and the
 *       slot, keys compared in a separate array (layout a);</li>
 *   <li>{@code fp40}: {@link FingerprintIndex} with 8-byte cells, a 40-bit fingerprint and the
 *       slot (layout b);</li>
 *   <li>{@code floor}: no index, the memory system's limit: each query's key and hash as the
 *       table makes them, then one load from an array the size of the table's index at that
 *       hash's cell, with no compare and no branch. No layout that reads the key's cell can beat it.</li>
 * </ul>
 * An experiment, not one of {@code bench core}'s own rows: run it with
 * {@code wanlab bench core --filter FlowIndexLayout}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowIndexLayoutBenchmark {
    static final int QUERIES = 1024;

    @Param({"1000", "100000", "1000000"})
    int flows;

    @Param({"index", "batch8", "batch32", "batch64", "tag8", "fp40", "floor"})
    String layout;

    FlowWorkload w;
    FlowTable table;
    FingerprintIndex fingerprints;
    FlowLookupBatch batch;
    long[] floorCells;
    int floorMask;
    int[] qSrc;
    int[] qDst;
    int[] qSport;
    int[] qDport;
    int[] qMissSrc;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        w = new FlowWorkload(flows, QUERIES);
        table = w.table;
        qSrc = w.qSrc;
        qDst = w.qDst;
        qSport = w.qSport;
        qDport = w.qDport;
        qMissSrc = w.qMissSrc;
        switch (layout) {
            case "index" -> { }
            case "batch8", "batch32", "batch64" -> {
                batch = new FlowLookupBatch(Integer.parseInt(layout.substring("batch".length())));
            }
            case "tag8", "fp40" -> {
                fingerprints = new FingerprintIndex(table.capacity(), layout.equals("fp40"));
                // Slot order, so that each layout gives every flow the table's slot number.
                table.forEach((t, slot) -> {
                    long a = FlowKey.endpoint(t.initiatorIp(slot), t.initiatorPort(slot));
                    long b = FlowKey.endpoint(t.responderIp(slot), t.responderPort(slot));
                    if (fingerprints.insert(FlowKey.low(a, b, t.protocol(slot)), FlowKey.high(a, b)) != slot) {
                        throw new IllegalStateException("slot " + slot + " is not the table's");
                    }
                });
            }
            case "floor" -> {
                // Sized as FlowIndex sizes its cells: the next power of two of twice the capacity, two longs each.
                int cells = Integer.highestOneBit(2 * table.capacity() - 1) << 1;
                floorCells = new long[2 * cells];
                Arrays.fill(floorCells, 1L);
                floorMask = cells - 1;
                return;
            }
            default -> throw new IllegalArgumentException("layout: " + layout);
        }
        for (int k = 0; k < qSrc.length; k++) {
            int expected = table.lookup(qSrc[k], qDst[k], 6, qSport[k], qDport[k]);
            if (expected < 0 || find(k, qSrc) != expected || find(k, qMissSrc) != -1) {
                throw new IllegalStateException(layout + " disagrees with the table at query " + k);
            }
        }
    }

    /** One lookup of query k with the given sources, through the layout under test (setup only). */
    private int find(int k, int[] src) {
        if (fingerprints != null) {
            return fingerprints.find(low(src[k], qDst[k], qSport[k], qDport[k]), high(src[k], qDst[k], qSport[k], qDport[k]));
        }
        if (batch != null) {
            batch.clear();
            batch.add(src[k], qDst[k], 6, qSport[k], qDport[k]);
            table.lookup(batch);
            return batch.slot(0);
        }
        return table.lookup(src[k], qDst[k], 6, qSport[k], qDport[k]);
    }

    private static long low(int src, int dst, int sport, int dport) {
        return FlowKey.low(FlowKey.endpoint(src, sport), FlowKey.endpoint(dst, dport), 6);
    }

    private static long high(int src, int dst, int sport, int dport) {
        return FlowKey.high(FlowKey.endpoint(src, sport), FlowKey.endpoint(dst, dport));
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int hit() {
        return run(qSrc);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int miss() {
        return run(qMissSrc);
    }

    private int run(int[] src) {
        int c = cursor;
        int acc = floorCells != null ? viaFloor(src, c)
                : fingerprints != null ? viaFingerprints(src, c)
                : batch != null ? w.lookUpBatched(batch, src, c, QUERIES)
                : w.lookUp(src, c, QUERIES);
        cursor = w.advance(c, QUERIES);
        return acc;
    }

    private int viaFloor(int[] src, int c) {
        long acc = 0;
        for (int k = 0; k < QUERIES; k++) {
            long a = FlowKey.endpoint(src[c], qSport[c]);
            long b = FlowKey.endpoint(qDst[c], qDport[c]);
            acc += floorCells[2 * ((int) FlowKey.hash(FlowKey.low(a, b, 6), FlowKey.high(a, b)) & floorMask)];
            c = c + 1 == src.length ? 0 : c + 1;
        }
        return (int) acc;
    }

    private int viaFingerprints(int[] src, int c) {
        int acc = 0;
        for (int k = 0; k < QUERIES; k++) {
            long a = FlowKey.endpoint(src[c], qSport[c]);
            long b = FlowKey.endpoint(qDst[c], qDport[c]);
            acc += fingerprints.find(FlowKey.low(a, b, 6), FlowKey.high(a, b));
            c = c + 1 == src.length ? 0 : c + 1;
        }
        return acc;
    }
}
