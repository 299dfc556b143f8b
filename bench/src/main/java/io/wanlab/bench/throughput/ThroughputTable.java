package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run as a small plain-text table: one row per path, then the lab/baseline ratio. */
public final class ThroughputTable {
    static final String[] HEADERS = {"path", "sender Mbit/s", "receiver Mbit/s", "retransmits", "emulator pkts", "emulator drops"};

    private ThroughputTable() {
    }

    public static List<String> lines(ThroughputReport report) {
        requireNonNull(report, "report");
        List<String[]> rows = List.of(HEADERS, row(report.lab()), row(report.baseline()));
        int[] widths = new int[HEADERS.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(format(HEADERS, widths));
        out.add("-".repeat(out.getFirst().length()));
        out.add(format(row(report.lab()), widths));
        out.add(format(row(report.baseline()), widths));
        double ratio = report.ratio();
        out.add("lab / baseline (receiver): " + (Double.isFinite(ratio)
                ? String.format(Locale.ROOT, "%.3f (%.1f %%)", ratio, ratio * 100)
                : "n/a (the baseline moved nothing)"));
        return List.copyOf(out);
    }

    private static String[] row(PathResult p) {
        IperfResult r = p.iperf();
        return new String[] {
            p.path(),
            mbps(r.senderMbps()),
            mbps(r.receiverMbps()),
            r.retransmits().isPresent() ? Long.toString(r.retransmits().getAsLong()) : "n/a",
            p.emulator().map(c -> Long.toString(c.sent())).orElse("n/a"),
            p.emulator().map(c -> Long.toString(c.dropped())).orElse("n/a"),
        };
    }

    private static String mbps(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Path name left-aligned, numbers right-aligned, two spaces between columns. */
    public static String format(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            sb.append(i == 0 ? cells[i] + pad : pad + cells[i]);
        }
        return sb.toString().stripTrailing();
    }
}
