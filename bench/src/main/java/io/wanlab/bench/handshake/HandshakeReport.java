package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.handshake.HandshakeRun.PathFigures;
import io.wanlab.bench.throughput.ThroughputTable;
import io.wanlab.core.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code bench handshakes} run: every path's figures, the ratios (lab direct / kernel, inspected / lab direct), the
 * TLS implementations at each end, what the counters say about where the traffic went, and the JSON form.
 *
 * @param concurrency    the load asked for: fixed, or auto (each path's own in its result, its probes in its figures)
 * @param clientProvider the load generator's TLS implementation
 * @param labProvider    the server stub's and the PoP's, as their status documents said
 */
public record HandshakeReport(int seconds, InFlight concurrency, String clientProvider, String labProvider, List<PathFigures> paths) {
    public HandshakeReport {
        requireNonNull(concurrency, "concurrency");
        requireNonNull(clientProvider, "clientProvider");
        requireNonNull(labProvider, "labProvider");
        paths = List.copyOf(paths);
    }

    public Optional<PathFigures> path(String name) {
        return paths.stream().filter(p -> p.result().path().equals(name)).findFirst();
    }

    /** {@code over}'s rate divided by {@code under}'s; NaN when either is missing or the second is 0. */
    public double ratio(String over, String under) {
        double a = path(over).map(p -> p.result().perSecond()).orElse(Double.NaN);
        double b = path(under).map(p -> p.result().perSecond()).orElse(Double.NaN);
        return b > 0 ? a / b : Double.NaN;
    }

    /**
     * The lab direct path's rate over the kernel baseline's in the probes at each load both probed without a failure, by
     * load in probing order; empty when the load was fixed.
     */
    public Map<Integer, Double> directOverKernelAtEqualLoad() {
        Map<Integer, Double> out = new LinkedHashMap<>();
        Optional<PathFigures> direct = path(HandshakeRun.DIRECT);
        Optional<PathFigures> kernel = path(HandshakeRun.KERNEL);
        if (direct.isEmpty() || kernel.isEmpty()) {
            return out;
        }
        for (HandshakeResult d : direct.get().probes()) {
            kernel.get().probeAt(d.concurrency()).filter(k -> d.failed() == 0 && k.perSecond() > 0)
                    .ifPresent(k -> out.put(d.concurrency(), d.perSecond() / k.perSecond()));
        }
        return out;
    }

    public List<String> lines() {
        String[] headers = {"path", "in flight", "handshakes/s", "completed", "failed", "resumed", "connect ms", "TLS ms", "GET ms"};
        List<String[]> rows = new ArrayList<>();
        rows.add(headers);
        for (PathFigures p : paths) {
            HandshakeResult r = p.result();
            rows.add(new String[] {r.path(), Integer.toString(r.concurrency()), f1(r.perSecond()), Long.toString(r.completed()),
                Long.toString(r.failed()), Long.toString(r.resumed()), f2(r.connectMillis()), f2(r.tlsMillis()), f2(r.responseMillis())});
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "TLS: client %s, server stub and PoP %s; %d s per path, %s", clientProvider,
                labProvider, seconds, concurrency.auto() ? "each path at the load that gave its highest rate (--concurrency auto)"
                        : concurrency.fixed() + " in flight"));
        out.addAll(ThroughputTable.table(rows));
        out.addAll(probeLines());
        out.addAll(cpuLines());
        double direct = ratio(HandshakeRun.DIRECT, HandshakeRun.KERNEL);
        Map<Integer, Double> equal = directOverKernelAtEqualLoad();
        out.add("lab direct / kernel: " + ratioText(direct) + (concurrency.auto() && Double.isFinite(direct)
                ? " (each at its highest rate: " + path(HandshakeRun.DIRECT).orElseThrow().result().concurrency() + " and "
                        + path(HandshakeRun.KERNEL).orElseThrow().result().concurrency() + " in flight)" : ""));
        if (!equal.isEmpty()) {
            List<String> at = new ArrayList<>();
            equal.forEach((c, r) -> at.add(c + " in flight " + ratioText(r)));
            out.add("lab direct / kernel at equal load (the probes): " + String.join(", ", at));
        }
        double cpuBound = cpuBoundRatio();
        if (Double.isFinite(cpuBound)) {
            out.add("lab direct / kernel if the CPU alone set the rate (kernel's CPU per exchange / the lab's): " + ratioText(cpuBound));
        }
        out.add("inspected / lab direct: " + ratioText(ratio(HandshakeRun.INSPECTED, HandshakeRun.DIRECT)));
        if (path(HandshakeRun.PASS_THROUGH).isPresent()) {
            out.add("inspected / pass-through: " + ratioText(ratio(HandshakeRun.INSPECTED, HandshakeRun.PASS_THROUGH)));
        }
        path(HandshakeRun.INSPECTED).ifPresent(p -> out.add("inspected path: " + whereTimeGoes(p)));
        return List.copyOf(out);
    }

    /**
     * A table of each path's probes, handshakes/s by load ({@code -} not probed, a trailing {@code !} had failures);
     * nothing when the load was fixed.
     */
    List<String> probeLines() {
        List<Integer> loads = new ArrayList<>();
        paths.forEach(p -> p.probes().forEach(r -> {
            if (!loads.contains(r.concurrency())) {
                loads.add(r.concurrency());
            }
        }));
        if (loads.isEmpty()) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("probes, handshakes/s"));
        loads.forEach(c -> header.add(c + " in flight"));
        rows.add(header.toArray(String[]::new));
        for (PathFigures p : paths) {
            List<String> row = new ArrayList<>(List.of(p.result().path()));
            for (int c : loads) {
                row.add(p.probes().stream().filter(r -> r.concurrency() == c).findFirst()
                        .map(r -> f1(r.perSecond()) + (r.failed() > 0 ? "!" : "")).orElse("-"));
            }
            rows.add(row.toArray(String[]::new));
        }
        return ThroughputTable.table(rows);
    }

    /**
     * A table of each path's CPU milliseconds per completed exchange, all processes and each (the client is this JVM);
     * nothing when no path has figures.
     */
    List<String> cpuLines() {
        List<String> processes = new ArrayList<>();
        for (PathFigures p : paths) {
            for (String name : p.cpuMillisPerExchange().keySet()) {
                if (!processes.contains(name)) {
                    processes.add(name);
                }
            }
        }
        if (processes.isEmpty()) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("CPU ms per exchange", "all"));
        header.addAll(processes);
        rows.add(header.toArray(String[]::new));
        for (PathFigures p : paths) {
            Map<String, Double> ms = p.cpuMillisPerExchange();
            if (ms.isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(p.result().path(), f2(total(ms))));
            for (String name : processes) {
                row.add(ms.containsKey(name) ? f2(ms.get(name)) : "-");
            }
            rows.add(row.toArray(String[]::new));
        }
        return ThroughputTable.table(rows);
    }

    /**
     * The kernel baseline's CPU per exchange over the lab direct path's: the ratio the rates would have if every core were
     * busy and CPU were all that limited them. NaN without both figures.
     */
    public double cpuBoundRatio() {
        double lab = path(HandshakeRun.DIRECT).map(p -> total(p.cpuMillisPerExchange())).orElse(Double.NaN);
        double kernel = path(HandshakeRun.KERNEL).map(p -> total(p.cpuMillisPerExchange())).orElse(Double.NaN);
        return lab > 0 && kernel > 0 ? kernel / lab : Double.NaN;
    }

    private static double total(Map<String, Double> ms) {
        return ms.isEmpty() ? Double.NaN : ms.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The inspected path's time: client phases, and whether the PoP minted or served its certificates from the cache. */
    static String whereTimeGoes(PathFigures p) {
        HandshakeResult r = p.result();
        Long hits = p.evidence().get("mint-cache-hits");
        Long mints = p.evidence().get("mints");
        String minting = hits == null || mints == null ? "minting counters unavailable"
                : hits + " certificates from the PoP's cache, " + mints + " minted (" + p.evidence().getOrDefault("mint-ms", 0L) + " ms)";
        return String.format(Locale.ROOT, "TLS with the PoP %.2f ms (%s); GET %.2f ms (the PoP's own TCP and TLS to the server,"
                + " then the request)", r.tlsMillis(), minting, r.responseMillis());
    }

    /** Paths whose counters say their traffic did not go where the path's name says, or that failed or resumed. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (PathFigures p : paths) {
            HandshakeResult r = p.result();
            if (r.completed() == 0) {
                out.add(r.path() + ": no exchange completed" + (r.firstFailure() == null ? "" : " (first failure: " + r.firstFailure() + ")"));
            }
            if (r.failed() > 0) {
                out.add(r.path() + ": " + r.failed() + " exchanges failed (first: " + r.firstFailure() + ")");
            }
            if (r.resumed() > 0) {
                out.add(r.path() + ": " + r.resumed() + " handshakes resumed a session (expected: none, every one full)");
            }
            p.probes().stream().filter(probe -> probe.failed() > 0).forEach(probe -> out.add(r.path() + ": " + probe.failed()
                    + " exchanges failed in the probe at " + probe.concurrency() + " in flight (first: " + probe.firstFailure()
                    + "); counted at " + r.concurrency()));
            Long offCloud = p.evidence().get("off-cloud-packets");
            if (r.path().equals(HandshakeRun.DIRECT) && offCloud != null && offCloud == 0) {
                out.add("socket-a sent nothing over its off-cloud link during '" + r.path() + "': not the lab's direct path");
            }
            if (r.path().equals(HandshakeRun.KERNEL) && offCloud != null && offCloud > 0) {
                out.add("socket-a carried " + offCloud + " packets during the kernel baseline: the kernel routes did not take all of it");
            }
            // Inspection is proven by the TLS handshakes the PoP terminated (each served a certificate, from its cache
            // or minted), one per exchange: that is inspection itself. Its proxied-flows (the connections its proxy
            // took) only when those are missing; it once undercounted the clients' reused ports (one run: 7,252
            // proxied flows for 9,007 exchanges, 9,118 certificates served).
            Long hits = p.evidence().get("mint-cache-hits");
            Long mints = p.evidence().get("mints");
            Long proxied = p.evidence().get("proxied-flows");
            if (r.path().equals(HandshakeRun.INSPECTED)) {
                if (hits != null && mints != null) {
                    if (hits + mints < r.completed()) {
                        out.add("the PoP served " + (hits + mints) + " certificates for " + r.completed()
                                + " exchanges: not all went through its inspection");
                    }
                } else if (proxied != null && proxied < r.completed()) {
                    out.add("the PoP proxied " + proxied + " flows for " + r.completed() + " exchanges: not all went through its inspection");
                }
            }
            Long passed = p.evidence().get("passed-through");
            if (r.path().equals(HandshakeRun.PASS_THROUGH) && passed != null && passed == 0) {
                out.add("the PoP passed no flow through during '" + r.path() + "'");
            }
            Long toKernel = p.evidence().get("to-kernel");
            if (r.path().equals(HandshakeRun.PASS_THROUGH) && toKernel != null && toKernel > 0) {
                out.add("the PoP sent " + toKernel + " packets to its own kernel (its proxy) during '" + r.path()
                        + "': not all passed through");
            }
        }
        return out;
    }

    public String toJson() {
        return toJson(null);
    }

    /** As {@link #toJson()}, with what carried the run ({@code "links"}, {@code "tun_offloads"}) when {@code shape} is not null. */
    public String toJson(io.wanlab.bench.throughput.BenchLab.LabShape shape) {
        return Json.writeIndented(g -> {
            g.writeStartObject().writeStringProperty("benchmark", "handshakes").writeNumberProperty("seconds", seconds)
                    .writeStringProperty("load", concurrency.auto() ? "auto" : "fixed");
            if (!concurrency.auto()) {
                g.writeNumberProperty("concurrency", concurrency.fixed());
            }
            g.writeStringProperty("client_tls", clientProvider).writeStringProperty("lab_tls", labProvider);
            if (shape != null) {
                shape.write(g);
            }
            g.writeArrayPropertyStart("paths");
            for (PathFigures p : paths) {
                HandshakeResult r = p.result();
                g.writeStartObject().writeStringProperty("path", r.path()).writeNumberProperty("concurrency", r.concurrency())
                        .writeNumberProperty("handshakes_per_second", decimal(r.perSecond(), 2))
                        .writeNumberProperty("completed", r.completed()).writeNumberProperty("failed", r.failed())
                        .writeNumberProperty("resumed", r.resumed())
                        .writeNumberProperty("connect_ms", decimal(r.connectMillis(), 3))
                        .writeNumberProperty("tls_ms", decimal(r.tlsMillis(), 3))
                        .writeNumberProperty("get_ms", decimal(r.responseMillis(), 3));
                if (r.firstFailure() != null) {
                    g.writeStringProperty("first_failure", r.firstFailure());
                }
                g.writeObjectPropertyStart("counters");
                p.evidence().forEach(g::writeNumberProperty);
                g.writeEndObject();
                Map<String, Double> ms = p.cpuMillisPerExchange();
                if (!ms.isEmpty()) {
                    g.writeObjectPropertyStart("cpu_seconds");
                    p.cpuSeconds().forEach((name, v) -> g.writeNumberProperty(name, decimal(v, 3)));
                    g.writeEndObject();
                    g.writeObjectPropertyStart("cpu_ms_per_exchange");
                    ms.forEach((name, v) -> g.writeNumberProperty(name, decimal(v, 4)));
                    g.writeEndObject();
                }
                if (!p.probes().isEmpty()) {
                    g.writeArrayPropertyStart("probes");
                    for (HandshakeResult probe : p.probes()) {
                        g.writeStartObject().writeNumberProperty("concurrency", probe.concurrency())
                                .writeNumberProperty("seconds", decimal(probe.seconds(), 3))
                                .writeNumberProperty("handshakes_per_second", decimal(probe.perSecond(), 2))
                                .writeNumberProperty("completed", probe.completed()).writeNumberProperty("failed", probe.failed());
                        if (probe.firstFailure() != null) {
                            g.writeStringProperty("first_failure", probe.firstFailure());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            ratio(g, "direct_over_kernel", ratio(HandshakeRun.DIRECT, HandshakeRun.KERNEL));
            Map<Integer, Double> equal = directOverKernelAtEqualLoad();
            if (!equal.isEmpty()) {
                g.writeArrayPropertyStart("direct_over_kernel_at_equal_load");
                equal.forEach((c, r) -> g.writeStartObject().writeNumberProperty("concurrency", c)
                        .writeNumberProperty("ratio", decimal(r, 4)).writeEndObject());
                g.writeEndArray();
            }
            ratio(g, "direct_over_kernel_cpu_bound", cpuBoundRatio());
            ratio(g, "inspected_over_direct", ratio(HandshakeRun.INSPECTED, HandshakeRun.DIRECT));
            ratio(g, "inspected_over_pass_through", ratio(HandshakeRun.INSPECTED, HandshakeRun.PASS_THROUGH));
            g.writeEndObject();
        }) + "\n";
    }

    private static void ratio(tools.jackson.core.JsonGenerator g, String name, double v) {
        if (Double.isFinite(v)) {
            g.writeNumberProperty(name, decimal(v, 4));
        } else {
            g.writeNullProperty(name);
        }
    }

    private static BigDecimal decimal(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    private static String ratioText(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.3f", r) : "n/a";
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
