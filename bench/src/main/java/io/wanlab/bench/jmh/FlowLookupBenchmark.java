package io.wanlab.bench.jmh;

import io.wanlab.core.flow.FlowLookupBatch;
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
 * Flow table lookups at 1k, 100k and 1M live flows: hits (either direction, in random order
 * over all flows, so the big tables pay real cache misses) and misses (5-tuples never inserted),
 * one by one and in {@link FlowLookupBatch}es of {@link #TUPLES_PER_BATCH} (as a fast path could
 * look up a TUN read's packets). Each invocation does {@link #BATCH} lookups; the score is per
 * lookup. {@link FlowIndexLayoutBenchmark} compares other index layouts on the same data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowLookupBenchmark {
    static final int BATCH = 1024;
    static final int TUPLES_PER_BATCH = 32;

    @Param({"1000", "100000", "1000000"})
    int flows;

    final FlowLookupBatch batch = new FlowLookupBatch(TUPLES_PER_BATCH);
    FlowWorkload w;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        w = new FlowWorkload(flows, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupHit() {
        return hits(w.lookUp(w.qSrc, cursor, BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupMiss() {
        return misses(w.lookUp(w.qMissSrc, cursor, BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupHitBatched() {
        return hits(w.lookUpBatched(batch, w.qSrc, cursor, BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupMissBatched() {
        return misses(w.lookUpBatched(batch, w.qMissSrc, cursor, BATCH));
    }

    /** A negative sum of slots means hit queries came back -1 (coarse; FlowIndexLayoutBenchmark checks each). */
    private int hits(int slotSum) {
        if (slotSum < 0) {
            throw new IllegalStateException("a lookup missed");
        }
        cursor = w.advance(cursor, BATCH);
        return slotSum;
    }

    private int misses(int slotSum) {
        cursor = w.advance(cursor, BATCH);
        return slotSum;
    }
}
