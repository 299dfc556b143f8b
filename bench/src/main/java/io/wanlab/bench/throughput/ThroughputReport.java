package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;
import tools.jackson.core.JsonGenerator;

/** Both paths of one run (in one mode: TCP or UDP, either direction), their ratio, and the run's JSON form. */
public record ThroughputReport(int seconds, int parallel, IperfCommands.Mode mode, PathResult lab, PathResult baseline) {
    public ThroughputReport {
        requireNonNull(mode, "mode");
        requireNonNull(lab, "lab");
        requireNonNull(baseline, "baseline");
    }

    /** A TCP run, client to server. */
    public ThroughputReport(int seconds, int parallel, PathResult lab, PathResult baseline) {
        this(seconds, parallel, IperfCommands.Mode.TCP, lab, baseline);
    }

    /** Lab over baseline, on the receiver's rate (what the server got); NaN when the baseline moved nothing. */
    public double ratio() {
        double base = baseline.iperf().receiverBitsPerSecond();
        return base > 0 ? lab.iperf().receiverBitsPerSecond() / base : Double.NaN;
    }

    /** The run for tools, indented for people: both paths, unknowns as null, rates in whole bits per second. */
    public String toJson() {
        return toJson(null);
    }

    /** As {@link #toJson()}, with what carried the run ({@code "links"}, {@code "tun_offloads"}) when {@code shape} is not null. */
    public String toJson(BenchLab.LabShape shape) {
        return Json.writeIndented(g -> {
            g.writeStartObject().writeStringProperty("tool", "iperf3").writeNumberProperty("seconds", seconds)
                    .writeNumberProperty("parallel", parallel).writeStringProperty("protocol", mode.udp() ? "udp" : "tcp")
                    .writeBooleanProperty("reverse", mode.reverse());
            if (shape != null) {
                shape.write(g);
            }
            if (mode.udp()) {
                g.writeStringProperty("udp_rate", mode.udpRate());
            }
            path(g, "lab", lab);
            path(g, "baseline", baseline);
            if (Double.isFinite(ratio())) {
                g.writeNumberProperty("ratio", BigDecimal.valueOf(ratio()).setScale(6, RoundingMode.HALF_UP));
            } else {
                g.writeNullProperty("ratio");
            }
            g.writeEndObject();
        }) + "\n";
    }

    private static void path(JsonGenerator g, String key, PathResult p) {
        IperfResult r = p.iperf();
        g.writeObjectPropertyStart(key).writeStringProperty("path", p.path())
                // Whole bits per second: iperf3's fractions are below its own precision.
                .writeNumberProperty("sender_bits_per_second", Math.round(r.senderBitsPerSecond()))
                .writeNumberProperty("receiver_bits_per_second", Math.round(r.receiverBitsPerSecond()));
        optional(g, "retransmits", r.retransmits());
        optional(g, "emulator_packets", p.emulator().map(c -> OptionalLong.of(c.sent())).orElse(OptionalLong.empty()));
        optional(g, "emulator_dropped", p.emulator().map(c -> OptionalLong.of(c.dropped())).orElse(OptionalLong.empty()));
        g.writeNumberProperty("received_bytes", r.receivedBytes());
        optional(g, "node_cpu_seconds", p.nodeCpuSeconds());
        optional(g, "iperf3_cpu_seconds", r.iperfCpuSeconds());
        optional(g, "cpu_seconds_per_gb", p.cpuSecondsPerGb());
        r.udp().ifPresent(u -> g.writeNumberProperty("udp_packets", u.packets()).writeNumberProperty("udp_lost", u.lost())
                .writeNumberProperty("udp_lost_percent", decimal(u.lostPercent())).writeNumberProperty("udp_jitter_ms", decimal(u.jitterMillis())));
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, java.util.OptionalDouble v) {
        if (v.isPresent()) {
            g.writeNumberProperty(name, decimal(v.getAsDouble()));
        } else {
            g.writeNullProperty(name);
        }
    }

    private static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP);
    }

    private static void optional(JsonGenerator g, String name, OptionalLong v) {
        if (v.isPresent()) {
            g.writeNumberProperty(name, v.getAsLong());
        } else {
            g.writeNullProperty(name);
        }
    }
}
