package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.OptionalLong;

/** Both paths of one run, their ratio, and the run's JSON form. */
public record ThroughputReport(int seconds, int parallel, PathResult lab, PathResult baseline) {
    public ThroughputReport {
        requireNonNull(lab, "lab");
        requireNonNull(baseline, "baseline");
    }

    /** Lab over baseline, on the receiver's rate (what the server got); NaN when the baseline moved nothing. */
    public double ratio() {
        double base = baseline.iperf().receiverBitsPerSecond();
        return base > 0 ? lab.iperf().receiverBitsPerSecond() / base : Double.NaN;
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"tool\": \"iperf3\",\n");
        sb.append("  \"seconds\": ").append(seconds).append(",\n");
        sb.append("  \"parallel\": ").append(parallel).append(",\n");
        path(sb, "lab", lab);
        sb.append(",\n");
        path(sb, "baseline", baseline);
        sb.append(",\n");
        sb.append("  \"ratio\": ").append(Double.isFinite(ratio()) ? String.format(Locale.ROOT, "%.6f", ratio()) : "null").append("\n}\n");
        return sb.toString();
    }

    private static void path(StringBuilder sb, String key, PathResult p) {
        IperfResult r = p.iperf();
        sb.append("  \"").append(key).append("\": {\"path\": \"").append(escape(p.path())).append("\"")
                .append(", \"sender_bits_per_second\": ").append(number(r.senderBitsPerSecond()))
                .append(", \"receiver_bits_per_second\": ").append(number(r.receiverBitsPerSecond()))
                .append(", \"retransmits\": ").append(optional(r.retransmits()))
                .append(", \"emulator_packets\": ").append(p.emulator().map(c -> Long.toString(c.sent())).orElse("null"))
                .append(", \"emulator_dropped\": ").append(p.emulator().map(c -> Long.toString(c.dropped())).orElse("null"))
                .append("}");
    }

    /** Whole bits per second: iperf3's fractions are below its own precision. */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String optional(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "null";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
