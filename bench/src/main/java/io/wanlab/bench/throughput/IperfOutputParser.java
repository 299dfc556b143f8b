package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the numbers this bench needs from iperf3's {@code -J} report: {@code end.sum_sent.bits_per_second},
 * {@code end.sum_received.bits_per_second} and {@code .bytes}, {@code end.sum_sent.retransmits}, the client's and
 * server's CPU ({@code end.cpu_utilization_percent.host_total} and {@code remote_total}, percent of the test's
 * length), and for UDP the receiver's {@code packets}, {@code lost_packets} and {@code jitter_ms}. Everything else in
 * the report is ignored. An {@code "error"}
 * member wins over any numbers (iperf3 3.12 writes it and still exits 0), and every problem is a
 * {@link ThroughputException} naming the path that was missing or wrong.
 */
public final class IperfOutputParser {
    /** Bounds for someone else's output: iperf3's longest runs stay far below them. */
    static final int MAX_DEPTH = 32;
    static final int MAX_LENGTH = 8 << 20;

    /**
     * Lenient where iperf3 is loose: 3.12 repeats member names (one {@code sock_bufsize} per
     * stream), so a repeated member is allowed and the last one wins. Strict otherwise: no NaN, no
     * comments, no trailing document, nesting and size bounded.
     */
    private static final JsonMapper IPERF = JsonMapper.builder(JsonFactory.builder()
                    .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_LENGTH).maxNumberLength(64).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private IperfOutputParser() {
    }

    public static IperfResult parse(String json) {
        requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new ThroughputException("iperf3 printed no JSON report");
        }
        JsonNode report;
        try {
            report = readTree(json.strip());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ThroughputException("iperf3 output is not a JSON report (" + where + e.getOriginalMessage() + "); it begins: "
                    + abbreviate(json.strip()));
        }
        if (!report.isObject()) {
            throw new ThroughputException("iperf3 JSON: the report is " + kind(report) + " (expected: an object)");
        }
        JsonNode error = report.get("error");
        if (error != null) {
            throw new ThroughputException("iperf3 reported an error: " + text(error));
        }
        JsonNode end = object(report, "end", "end");
        JsonNode sent = object(end, "sum_sent", "end.sum_sent");
        JsonNode received = object(end, "sum_received", "end.sum_received");
        double sender = rate(sent, "end.sum_sent.bits_per_second");
        double receiver = rate(received, "end.sum_received.bits_per_second");
        long bytes = count(received, "bytes", "end.sum_received.bytes").orElse(0);
        Optional<IperfResult.UdpLoss> udp = Optional.empty();
        if (received.has("lost_packets")) {
            udp = Optional.of(new IperfResult.UdpLoss(count(received, "packets", "end.sum_received.packets").orElse(0),
                    count(received, "lost_packets", "end.sum_received.lost_packets").orElse(0),
                    number(received, "jitter_ms", "end.sum_received.jitter_ms").orElse(0)));
        }
        return new IperfResult(sender, receiver, udp.isPresent() ? OptionalLong.empty() : retransmits(sent), bytes,
                cpuSeconds(end, received), udp);
    }

    /** Client plus server CPU seconds: their percentages of the test's length times that length; empty when not reported. */
    private static OptionalDouble cpuSeconds(JsonNode end, JsonNode received) {
        JsonNode cpu = end.get("cpu_utilization_percent");
        if (cpu == null || !cpu.isObject()) {
            return OptionalDouble.empty();
        }
        OptionalDouble host = number(cpu, "host_total", "end.cpu_utilization_percent.host_total");
        OptionalDouble remote = number(cpu, "remote_total", "end.cpu_utilization_percent.remote_total");
        OptionalDouble seconds = number(received, "seconds", "end.sum_received.seconds");
        if (host.isEmpty() || remote.isEmpty() || seconds.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((host.getAsDouble() + remote.getAsDouble()) / 100 * seconds.getAsDouble());
    }

    private static OptionalLong count(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + text(v) + " (expected: a whole number, 0 or more)");
        }
        return OptionalLong.of(v.longValue());
    }

    private static OptionalDouble number(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + text(v) + " (expected: a finite number, 0 or more)");
        }
        return OptionalDouble.of(v.doubleValue());
    }

    /** The report as a tree, read with iperf3's leniency; visible to tests that pin that leniency. */
    static JsonNode readTree(String json) {
        return IPERF.readTree(json);
    }

    private static JsonNode object(JsonNode parent, String key, String path) {
        JsonNode v = parent.get(key);
        if (v != null && v.isObject()) {
            return v;
        }
        throw new ThroughputException("iperf3 JSON: " + path + " is " + kind(v)
                + " (expected: an object; was this a client run with -J?)");
    }

    private static double rate(JsonNode sum, String path) {
        JsonNode v = sum.get("bits_per_second");
        if (v == null || !v.isNumber()) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + kind(v) + " (expected: a number)");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || d < 0) {
            throw new ThroughputException("iperf3 JSON: " + path + " is " + d + " (expected: a finite number, 0 or more)");
        }
        return d;
    }

    private static OptionalLong retransmits(JsonNode sent) {
        // iperf3 reports retransmits only where the kernel tells them (Linux TCP); absent is "unknown", not 0.
        return count(sent, "retransmits", "end.sum_sent.retransmits");
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A value as a message shows it: strings without their quotes. */
    private static String text(JsonNode v) {
        return v.isString() ? v.stringValue() : v.toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 77) + "...'";
    }
}
