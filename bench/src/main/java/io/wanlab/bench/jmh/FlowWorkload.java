package io.wanlab.bench.jmh;

import io.wanlab.core.flow.FlowLookupBatch;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import java.util.SplittableRandom;

/**
 * The flow lookup benchmarks' data: {@code flows} distinct TCP 5-tuples inserted into a table,
 * and a query stream over them in random order (hits, odd ones in the reply direction) with a
 * miss 5-tuple beside each. Queries are laid out in the order they are asked, so that reading them
 * streams through memory and the only random accesses measured are the table's own.
 */
final class FlowWorkload {
    final FlowTable table;
    final int[] qSrc;
    final int[] qDst;
    final int[] qSport;
    final int[] qDport;
    final int[] qMissSrc;

    /** At least {@code minQueries} queries, so that one benchmark invocation never wraps inside itself twice. */
    FlowWorkload(int flows, int minQueries) {
        table = new FlowTable(FlowTableConfig.defaults().withCapacity(Math.max(flows, 1024)));
        SplittableRandom rnd = new SplittableRandom(7);
        int[] src = new int[flows];
        int[] dst = new int[flows];
        int[] sport = new int[flows];
        int[] dport = new int[flows];
        int[] missSrc = new int[flows];
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
        int[] order = new int[Math.max(flows, minQueries)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % flows;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
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

    /** The query {@code count} places after {@code c}, wrapping; count is at most {@link #queries}. */
    int advance(int c, int count) {
        int next = c + count;
        return next >= qSrc.length ? next - qSrc.length : next;
    }

    int queries() {
        return qSrc.length;
    }

    /** Looks up {@code count} queries from {@code c} one by one, with {@code src} as their sources; sums the slots. */
    int lookUp(int[] src, int c, int count) {
        int acc = 0;
        for (int k = 0; k < count; k++) {
            acc += table.lookup(src[c], qDst[c], 6, qSport[c], qDport[c]);
            c = c + 1 == src.length ? 0 : c + 1;
        }
        return acc;
    }

    /** As {@link #lookUp}, a full batch at a time; count must be a multiple of the batch's capacity. */
    int lookUpBatched(FlowLookupBatch batch, int[] src, int c, int count) {
        int acc = 0;
        for (int done = 0; done < count; done += batch.capacity()) {
            batch.clear();
            for (int k = 0; k < batch.capacity(); k++) {
                batch.add(src[c], qDst[c], 6, qSport[c], qDport[c]);
                c = c + 1 == src.length ? 0 : c + 1;
            }
            table.lookup(batch);
            for (int k = 0; k < batch.size(); k++) {
                acc += batch.slot(k);
            }
        }
        return acc;
    }
}
