package io.wanlab.bench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH results into one plain table: benchmark, parameters, ops/s, ns/op, B/op. */
final class BenchTable {
    private BenchTable() {
    }

    record Row(String benchmark, String params, double nsPerOp, double nsError, double bytesPerOp) {
        double opsPerSecond() {
            return 1e9 / nsPerOp;
        }
    }

    static List<Row> rows(List<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            Result<?> primary = r.getPrimaryResult();
            double ns = toNanos(primary.getScore(), primary.getScoreUnit());
            double err = toNanos(primary.getScoreError(), primary.getScoreUnit());
            Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            }
            double bytes = alloc == null ? Double.NaN : alloc.getScore();
            String params = p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).collect(Collectors.joining(" "));
            String name = p.getBenchmark().replaceFirst("^io\\.wanlab\\.bench\\.jmh\\.", "");
            rows.add(new Row(name, params, ns, err, bytes));
        }
        rows.sort(Comparator.comparing(Row::benchmark).thenComparing(Row::params, BenchTable::naturalCompare));
        return rows;
    }

    static void print(List<RunResult> results, PrintStream out) {
        List<Row> rows = rows(results);
        int nameWidth = Math.max(9, rows.stream().mapToInt(r -> r.benchmark().length()).max().orElse(0));
        int paramWidth = Math.max(6, rows.stream().mapToInt(r -> r.params().length()).max().orElse(0));
        String header = String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + paramWidth + "s  %14s  %16s  %8s",
                "benchmark", "params", "ops/s", "ns/op", "B/op");
        out.println();
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + paramWidth + "s  %14s  %16s  %8s",
                    r.benchmark(), r.params(), grouped(r.opsPerSecond()),
                    String.format(Locale.ROOT, "%.1f ± %.1f", r.nsPerOp(), r.nsError()),
                    Double.isNaN(r.bytesPerOp()) ? "n/a" : String.format(Locale.ROOT, "%.1f", r.bytesPerOp())));
        }
    }

    private static String grouped(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static double toNanos(double score, String unit) {
        Map<String, Double> factors = Map.of("ns/op", 1.0, "us/op", 1e3, "ms/op", 1e6, "s/op", 1e9);
        Double f = factors.get(unit);
        if (f != null) {
            return score * f;
        }
        if (unit.equals("ops/s")) {
            return 1e9 / score;
        }
        if (unit.equals("ops/ms")) {
            return 1e6 / score;
        }
        if (unit.equals("ops/us")) {
            return 1e3 / score;
        }
        throw new IllegalArgumentException("JMH score unit: " + unit + " (expected: a time per op or ops per time)");
    }

    /** Orders "size=1000" before "size=100000" by comparing digit runs as numbers. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = Long.compare(Long.parseLong(a.substring(si, i)), Long.parseLong(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
