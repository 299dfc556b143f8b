package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.throughput.KernelRoutes;
import io.wanlab.bench.throughput.LinkCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The paths of {@code bench handshakes}, one after another on one running lab (started with rulebase {@code fixed}):
 * the lab's direct path; the kernel baseline over the same namespaces (TUN routes swapped for kernel routes, then put
 * back, also on failure); the PoP's proxy with TLS inspection (rulebase {@code bug}, inspection on, the name
 * {@value #INSPECTED_HOST} that its complex rule keeps on cato); optionally the PoP without inspection (pass-through).
 * Each path is counted at the fixed load, or with {@code --concurrency auto} at the load of its probe with the highest
 * rate ({@link #concurrency}). Around each path's counted window it reads what shows the traffic went where it should:
 * socket-a's off-cloud counters; the PoP's proxied flows, the packets it passed through and those it sent to its own
 * kernel, and its minting counters.
 */
public final class HandshakeRun {
    public static final String DIRECT = "lab direct";
    public static final String KERNEL = "kernel baseline";
    public static final String INSPECTED = "PoP, TLS inspected";
    public static final String PASS_THROUGH = "PoP, pass-through";
    /** The name the direct paths ask for: intranet-web, decided off-cloud on the SYN by rulebase fixed. */
    public static final String DIRECT_HOST = "app.site-b.lab";
    /** The name the PoP paths ask for: crm, kept on cato by rulebase bug's complex rule. */
    public static final String INSPECTED_HOST = "crm.site-b.lab";
    static final LabSpec INSPECTED_SPEC = new LabSpec("bug", "on", "off-cloud");
    static final LabSpec PASS_THROUGH_SPEC = new LabSpec("bug", "off", "off-cloud");

    /** The warm-up ends once a round is less than this much faster than the best before it... */
    static final double WARM_SETTLED_GAIN = 0.05;
    /**
     * ...but not before this many rounds: with 2 s rounds the rate can plateau for a round while C2 still compiles
     * the client's and the server's code (one run: 106, 235, 286, 282/s, then the direct path measured 386/s).
     */
    static final int WARM_MIN_ROUNDS = 8;
    /**
     * ...and only once this many rounds in a row did not beat the best before them: with C2 in the Sockets
     * the rate dips for a round while a method is recompiled (one run: 65, 149, 188, 212, 271, 233/s, then
     * the direct path measured 443/s, in the next run 725/s).
     */
    static final int WARM_FLAT_ROUNDS = 2;
    /** ...and at the latest after this many rounds. */
    static final int WARM_MAX_ROUNDS = 30;

    /** Drives the load from the client's namespace, asking for {@code host}. */
    public interface Load {
        /** Measures one path with {@code concurrency} exchanges in flight: its own short warm-up, then the counted window. */
        HandshakeResult measure(String path, String host, int concurrency) throws Exception;

        /** One uncounted round of exchanges (a couple of seconds) that warms every process on the way. */
        HandshakeResult warmUpRound(String host) throws Exception;

        /**
         * One short uncounted window (a couple of seconds, after a moment's warm-up) at {@code concurrency} in flight, to
         * find the load that gives a path's highest rate.
         */
        HandshakeResult probe(String host, int concurrency) throws Exception;

        /**
         * The CPU seconds (user + system) each process of the run used in the last {@link #measure}'s counted window,
         * by name (the client, which is this JVM, and each node); empty when they could not be read.
         */
        default Map<String, Double> windowCpuSeconds() {
            return Map.of();
        }
    }

    /** What the run needs of the running lab besides the load. */
    public interface Lab {
        /** Reconfigures every node (rules, TLS inspection). */
        void reload(LabSpec spec) throws IOException;

        /** socket-a's off-cloud link counters; empty when unreadable. */
        Optional<LinkCounters> directLink();

        /** The PoP's status document; empty when unreadable. */
        Optional<JsonNode> popStatus();
    }

    private final Load load;
    private final InFlight inFlight;
    private final KernelRoutes routes;
    private final Lab lab;
    private final PrintStream progress;

    public HandshakeRun(Load load, InFlight inFlight, KernelRoutes routes, Lab lab, PrintStream progress) {
        this.load = requireNonNull(load, "load");
        this.inFlight = requireNonNull(inFlight, "inFlight");
        this.routes = requireNonNull(routes, "routes");
        this.lab = requireNonNull(lab, "lab");
        this.progress = requireNonNull(progress, "progress");
    }

    /** {@code passThrough}: also measure the PoP with inspection off. */
    public List<PathFigures> run(boolean passThrough) throws Exception {
        warmUp();
        List<PathFigures> out = new ArrayList<>();
        out.add(direct(DIRECT));
        PathFigures kernel;
        try {
            routes.toKernel();
            kernel = direct(KERNEL);
        } catch (Exception e) {
            routes.restoreAfter(e);
            throw e;
        }
        routes.restore();
        out.add(kernel);
        out.add(viaPop(INSPECTED, INSPECTED_SPEC));
        if (passThrough) {
            out.add(viaPop(PASS_THROUGH, PASS_THROUGH_SPEC));
        }
        return List.copyOf(out);
    }

    /**
     * Runs the lab's direct path uncounted until its rate stops climbing (at least {@link #WARM_MIN_ROUNDS} rounds). The client (this JVM), the server stub and
     * both Sockets start cold, and whichever path came first paid for their JIT while the later ones got it free: in
     * one run alternating 3 s windows (2 cores), lab direct went 241, 402, 599, 693/s and the kernel baseline
     * 510, 881, 1348, 1385/s, so the ratio of the first two windows measured the warm-up, not the paths. The direct
     * path crosses every JVM the baseline does and both Sockets; only the PoP is left to its paths' own warm-up.
     *
     * @return every round's rate, in order
     */
    List<Double> warmUp() throws Exception {
        progress.println("warming up over the lab's direct path until its rate settles (uncounted)");
        List<Double> rates = new ArrayList<>();
        boolean settled = false;
        int flat = 0;
        while (!settled && rates.size() < WARM_MAX_ROUNDS) {
            HandshakeResult r = load.warmUpRound(DIRECT_HOST);
            double rate = r.perSecond();
            double best = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            rates.add(rate);
            flat = rate < best * (1 + WARM_SETTLED_GAIN) ? flat + 1 : 0;
            settled = rates.size() >= WARM_MIN_ROUNDS && flat >= WARM_FLAT_ROUNDS;
            if (r.failed() > 0) {
                progress.println("warm-up round: " + r.failed() + " failed" + (r.firstFailure() == null ? "" : "; first: " + r.firstFailure()));
            }
        }
        progress.println("warm-up: " + rates.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList() + " handshakes/s, "
                + (settled ? "settled" : "still climbing after " + WARM_MAX_ROUNDS + " rounds"));
        return List.copyOf(rates);
    }

    private PathFigures direct(String path) throws Exception {
        List<HandshakeResult> probes = new ArrayList<>();
        int concurrency = concurrency(path, DIRECT_HOST, probes);
        Optional<LinkCounters> before = lab.directLink();
        HandshakeResult r = measure(path, DIRECT_HOST, concurrency);
        Optional<LinkCounters> after = lab.directLink();
        Map<String, Long> evidence = new LinkedHashMap<>();
        if (before.isPresent() && after.isPresent()) {
            evidence.put("off-cloud-packets", after.get().since(before.get()).sent());
        }
        return new PathFigures(r, evidence, load.windowCpuSeconds(), probes);
    }

    private PathFigures viaPop(String path, LabSpec spec) throws Exception {
        progress.println("reloading the nodes: rulebase " + spec.rules() + ", TLS inspection " + spec.tlsInspection());
        lab.reload(spec);
        List<HandshakeResult> probes = new ArrayList<>();
        int concurrency = concurrency(path, INSPECTED_HOST, probes);
        Optional<JsonNode> before = lab.popStatus();
        HandshakeResult r = measure(path, INSPECTED_HOST, concurrency);
        Optional<JsonNode> after = lab.popStatus();
        Map<String, Long> evidence = new LinkedHashMap<>();
        if (before.isPresent() && after.isPresent()) {
            for (String key : List.of("proxied-flows", "passed-through", "to-kernel")) {
                delta(before.get(), after.get(), key).ifPresent(d -> evidence.put(key, d));
            }
            JsonNode inspectionBefore = before.get().path("inspection");
            JsonNode inspectionAfter = after.get().path("inspection");
            for (String key : List.of("mint-cache-hits", "mints", "mint-ms")) {
                delta(inspectionBefore, inspectionAfter, key).ifPresent(d -> evidence.put(key, d));
            }
        }
        return new PathFigures(r, evidence, load.windowCpuSeconds(), probes);
    }

    /**
     * The load to count {@code path} at: the fixed one, or with auto the probe with the highest rate. Auto probes every
     * load of {@link InFlight#STEPS} in order, not only while the rate climbs: a path whose rate flattens for a step can
     * climb again at the next (one run: the kernel baseline 1,731/s at 8 in flight, 1,802/s at 16, then about 1,900/s at
     * 32), and a search that stopped there compared the lab at 64 with the kernel at 16. It stops early only at a
     * probe with a failed exchange: the loads before it are the most the path sustains. Every probe goes into
     * {@code probes}.
     */
    int concurrency(String path, String host, List<HandshakeResult> probes) throws Exception {
        if (!inFlight.auto()) {
            return inFlight.fixed();
        }
        progress.println("probing " + path + " (SNI " + host + ") at " + InFlight.STEPS + " in flight for its highest rate");
        double best = 0;
        int bestAt = 0;
        for (int c : InFlight.STEPS) {
            HandshakeResult r = load.probe(host, c);
            probes.add(r);
            progress.println(String.format(Locale.ROOT, "  %d in flight: %.1f handshakes/s%s", c, r.perSecond(),
                    r.failed() == 0 ? "" : " (" + r.failed() + " failed; first: " + r.firstFailure() + ")"));
            if (r.failed() > 0) {
                break;
            }
            if (r.perSecond() > best) {
                best = r.perSecond();
                bestAt = c;
            }
        }
        return bestAt > 0 ? bestAt : InFlight.STEPS.getFirst();
    }

    private HandshakeResult measure(String path, String host, int concurrency) throws Exception {
        progress.println("measuring " + path + " (SNI " + host + "), " + concurrency + " in flight");
        HandshakeResult r = load.measure(path, host, concurrency);
        progress.println(String.format(Locale.ROOT, "%s: %.1f handshakes/s (%d completed, %d failed%s)", path, r.perSecond(),
                r.completed(), r.failed(), r.firstFailure() == null ? "" : "; first: " + r.firstFailure()));
        return r;
    }

    private static Optional<Long> delta(JsonNode before, JsonNode after, String key) {
        JsonNode b = before.get(key);
        JsonNode a = after.get(key);
        if (b == null || a == null || !b.canConvertToLong() || !a.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, a.longValue() - b.longValue()));
    }

    /**
     * One path's result, the counters that show where its traffic went (differences over its run), the CPU seconds
     * each process used in its counted window (empty when unread), and the probes that chose its load (empty when the
     * load was fixed).
     */
    public record PathFigures(HandshakeResult result, Map<String, Long> evidence, Map<String, Double> cpuSeconds,
            List<HandshakeResult> probes) {
        public PathFigures {
            requireNonNull(result, "result");
            evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
            cpuSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cpuSeconds));
            probes = List.copyOf(probes);
        }

        public PathFigures(HandshakeResult result, Map<String, Long> evidence, Map<String, Double> cpuSeconds) {
            this(result, evidence, cpuSeconds, List.of());
        }

        public PathFigures(HandshakeResult result, Map<String, Long> evidence) {
            this(result, evidence, Map.of());
        }

        /** The probe at {@code concurrency} in flight that failed nothing; empty when there was none. */
        public Optional<HandshakeResult> probeAt(int concurrency) {
            return probes.stream().filter(p -> p.concurrency() == concurrency && p.failed() == 0).findFirst();
        }

        /** Each process's CPU milliseconds per completed exchange, in the order read; empty without figures or exchanges. */
        public Map<String, Double> cpuMillisPerExchange() {
            Map<String, Double> out = new LinkedHashMap<>();
            if (result.completed() > 0) {
                cpuSeconds.forEach((process, seconds) -> out.put(process, seconds * 1000 / result.completed()));
            }
            return out;
        }
    }
}
