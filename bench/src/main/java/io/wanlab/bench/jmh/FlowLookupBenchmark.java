package io.wanlab.bench.jmh;

import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import java.util.SplittableRandom;
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
 * over all flows, so the big tables pay real cache misses) and misses (5-tuples never inserted).
 * Each invocation does {@link #BATCH} lookups; the score is per lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlowLookupBenchmark {
    static final int BATCH = 1024;

    @Param({"1000", "100000", "1000000"})
    int flows;

    FlowTable table;
    int[] src;
    int[] dst;
    int[] sport;
    int[] dport;
    int[] missSrc;
    int[] qSrc;
    int[] qDst;
    int[] qSport;
    int[] qDport;
    int[] qMissSrc;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        table = new FlowTable(FlowTableConfig.defaults().withCapacity(Math.max(flows, 1024)));
        SplittableRandom rnd = new SplittableRandom(7);
        src = new int[flows];
        dst = new int[flows];
        sport = new int[flows];
        dport = new int[flows];
        missSrc = new int[flows];
        for (int i = 0; i < flows; i++) {
            // (source address, source port) is unique per flow: 256 clients x up to 60,000 ports.
            src[i] = 0xC6120100 | (i & 0xff); // 198.18.1.x
            dst[i] = 0xC6120200 | rnd.nextInt(256);
            sport[i] = 1024 + (i >>> 8);
            dport[i] = rnd.nextBoolean() ? 443 : 1 + rnd.nextInt(65535);
            missSrc[i] = 0xC6130000 | rnd.nextInt(1 << 16); // 198.19.x.y: never inserted as a source
            table.lookupOrCreate(src[i], dst[i], 6, sport[i], dport[i], 0);
        }
        if (table.size() != flows) {
            throw new IllegalStateException("flow table holds " + table.size() + " flows (expected: " + flows
                    + "): the synthetic 5-tuples collide");
        }
        int[] order = new int[Math.max(flows, BATCH)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % flows;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // Queries are laid out in the order they are asked, so that reading them streams through
        // memory and the only random accesses measured are the table's own. Odd queries ask for
        // the reply direction: the key is bidirectional.
        int n = order.length;
        qSrc = new int[n];
        qDst = new int[n];
        qSport = new int[n];
        qDport = new int[n];
        qMissSrc = new int[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            boolean reply = (k & 1) == 1;
            qSrc[k] = reply ? dst[i] : src[i];
            qDst[k] = reply ? src[i] : dst[i];
            qSport[k] = reply ? dport[i] : sport[i];
            qDport[k] = reply ? sport[i] : dport[i];
            qMissSrc[k] = missSrc[i];
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupHit() {
        int acc = 0;
        int c = cursor;
        for (int k = 0; k < BATCH; k++) {
            acc += table.lookup(qSrc[c], qDst[c], 6, qSport[c], qDport[c]);
            c = c + 1 == qSrc.length ? 0 : c + 1;
        }
        cursor = c;
        if (acc < 0) {
            throw new IllegalStateException("a lookup missed");
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int lookupMiss() {
        int acc = 0;
        int c = cursor;
        for (int k = 0; k < BATCH; k++) {
            acc += table.lookup(qMissSrc[c], qDst[c], 6, qSport[c], qDport[c]);
            c = c + 1 == qSrc.length ? 0 : c + 1;
        }
        cursor = c;
        return acc;
    }
}
