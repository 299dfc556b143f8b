package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the three numbers this bench needs from iperf3's {@code -J} report:
 * {@code end.sum_sent.bits_per_second}, {@code end.sum_received.bits_per_second} and
 * {@code end.sum_sent.retransmits}. Everything else in the report is ignored. An {@code "error"}
 * member wins over any numbers (iperf3 3.12 writes it and still exits 0), and every problem is a
 * {@link ThroughputException} naming the path that was missing or wrong.
 */
public final class IperfOutputParser {
    private IperfOutputParser() {
    }

    public static IperfResult parse(String json) {
        requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new ThroughputException("iperf3 printed no JSON report");
        }
        Object root;
        try {
            root = SmallJson.parse(json.strip());
        } catch (IllegalArgumentException e) {
            throw new ThroughputException("iperf3 output is not a JSON report (" + e.getMessage() + "); it begins: "
                    + abbreviate(json.strip()));
        }
        if (!(root instanceof Map<?, ?> report)) {
            throw new ThroughputException("iperf3 JSON: the report is " + kind(root) + " (expected: an object)");
        }
        Object error = report.get("error");
        if (error != null) {
            throw new ThroughputException("iperf3 reported an error: " + error);
        }
        Map<?, ?> end = object(report, "end", "end");
        Map<?, ?> sent = object(end, "sum_sent", "end.sum_sent");
        Map<?, ?> received = object(end, "sum_received", "end.sum_received");
        double sender = rate(sent, "end.sum_sent.bits_per_second");
        double receiver = rate(received, "end.sum_received.bits_per_second");
        return new IperfResult(sender, receiver, retransmits(sent));
    }

    private static Map<?, ?> object(Map<?, ?> parent, String key, String path) {
        Object v = parent.get(key);
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new ThroughputException("iperf3 JSON: " + path + " is " + (v == null && !parent.containsKey(key) ? "missing" : kind(v))
                + " (expected: an object; was this a TCP client run with -J?)");
    }

    private static double rate(Map<?, ?> sum, String path) {
        Object v = sum.get("bits_per_second");
        if (!(v instanceof Double d)) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + (v == null && !sum.containsKey("bits_per_second") ? "missing" : kind(v))
                    + " (expected: a number)");
        }
        if (!Double.isFinite(d) || d < 0) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + d + " (expected: a finite number, 0 or more)");
        }
        return d;
    }

    private static OptionalLong retransmits(Map<?, ?> sent) {
        Object v = sent.get("retransmits");
        if (v == null) {
            // iperf3 reports retransmits only where the kernel tells them (Linux TCP); absent is "unknown", not 0.
            return OptionalLong.empty();
        }
        if (!(v instanceof Double d) || d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE) {
            throw new ThroughputException("iperf3 JSON: end.sum_sent.retransmits is " + v + " (expected: a whole number, 0 or more)");
        }
        return OptionalLong.of(d.longValue());
    }

    private static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            case Double d -> "a number";
            case Boolean b -> "a boolean";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 77) + "...'";
    }
}
