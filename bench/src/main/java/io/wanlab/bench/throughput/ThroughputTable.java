package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run as a small plain-text table: one row per path (with the CPU seconds per GB carried, and for UDP the
 * receiver's loss and jitter), then the lab/baseline ratio next to both paths' CPU per GB.
 */
public final class ThroughputTable {
    static final String[] HEADERS = {"path", "sender Mbit/s", "receiver Mbit/s", "retransmits", "emulator pkts", "emulator drops",
        "CPU s/GB"};
    static final String[] UDP_HEADERS = {"lost %", "jitter ms"};

    private ThroughputTable() {
    }

    public static List<String> lines(ThroughputReport report) {
        requireNonNull(report, "report");
        String[] headers = report.mode().udp() ? concat(HEADERS, UDP_HEADERS) : HEADERS;
        List<String[]> rows = List.of(headers, row(report.lab(), report.mode()), row(report.baseline(), report.mode()));
        List<String> out = new ArrayList<>();
        out.add(report.mode().label() + ", " + report.seconds() + " s, " + report.parallel() + " stream(s)");
        out.addAll(table(rows));
        double ratio = report.ratio();
        out.add("lab / baseline (receiver): " + (Double.isFinite(ratio)
                ? String.format(Locale.ROOT, "%.3f (%.1f %%)", ratio, ratio * 100)
                : "n/a (the baseline moved nothing)")
                + "; CPU s/GB: lab " + cpu(report.lab()) + ", baseline " + cpu(report.baseline()));
        return List.copyOf(out);
    }

    /** The first row as a header, a rule under it, then the other rows; each column padded to its widest cell. */
    public static List<String> table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(format(rows.get(i), widths));
            if (i == 0) {
                out.add("-".repeat(out.getLast().length()));
            }
        }
        return out;
    }

    private static String cpu(PathResult p) {
        return p.cpuSecondsPerGb().isPresent() ? String.format(Locale.ROOT, "%.2f", p.cpuSecondsPerGb().getAsDouble()) : "n/a";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] row(PathResult p, IperfCommands.Mode mode) {
        IperfResult r = p.iperf();
        String[] common = new String[] {
            p.path(),
            mbps(r.senderMbps()),
            mbps(r.receiverMbps()),
            r.retransmits().isPresent() ? Long.toString(r.retransmits().getAsLong()) : "n/a",
            p.emulator().map(c -> Long.toString(c.sent())).orElse("n/a"),
            p.emulator().map(c -> Long.toString(c.dropped())).orElse("n/a"),
            cpu(p),
        };
        if (!mode.udp()) {
            return common;
        }
        return concat(common, new String[] {
            r.udp().map(u -> String.format(Locale.ROOT, "%.2f", u.lostPercent())).orElse("n/a"),
            r.udp().map(u -> String.format(Locale.ROOT, "%.3f", u.jitterMillis())).orElse("n/a"),
        });
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
