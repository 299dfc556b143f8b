package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.bench.handshake.HandshakeRun.PathFigures;
import io.wanlab.bench.lab.CommandExecutor;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.throughput.BaselineRoutes;
import io.wanlab.bench.throughput.KernelRoutes;
import io.wanlab.bench.throughput.LinkCounters;
import io.wanlab.core.json.Json;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HandshakeRunTest {
    private static final LabTopology FIXED = TopologyPlanner.plan("wanlab", LabPresets.load("fixed"));
    private static final BaselineRoutes ROUTES = BaselineRoutes.plan(FIXED);

    /** Records every command and what happened around each measurement; the off-cloud link counts while routes go to the TUN. */
    private static final class FakeLab implements HandshakeRun.Lab, HandshakeRun.Load, CommandExecutor {
        final List<String> log = new ArrayList<>();
        boolean kernelRoutes;
        long offCloudSent;
        long proxied;
        long hits;
        long mints;
        String failOn;
        /** What each warm-up round completes in its 2 s; 200 once the list is used up. */
        final List<Long> warmUpCompleted = new ArrayList<>();

        @Override
        public CommandResult attempt(List<String> argv) {
            kernelRoutes = argv.contains("via");
            log.add(kernelRoutes ? "route kernel" : "route tun");
            return new CommandResult(argv, 0, "", "");
        }

        @Override
        public void reload(LabSpec spec) {
            log.add("reload " + spec.rules() + " inspection " + spec.tlsInspection());
        }

        @Override
        public Optional<LinkCounters> directLink() {
            return Optional.of(new LinkCounters(offCloudSent, 0));
        }

        @Override
        public Optional<JsonNode> popStatus() {
            return Optional.of(Json.strict().readTree("{\"proxied-flows\":" + proxied + ",\"passed-through\":0,\"inspection\":"
                    + "{\"tls-provider\":\"openssl\",\"mint-cache-hits\":" + hits + ",\"mints\":" + mints + ",\"mint-ms\":3}}"));
        }

        @Override
        public HandshakeResult warmUpRound(String host) {
            log.add("warm up " + host + (kernelRoutes ? " over kernel routes" : ""));
            long completed = warmUpCompleted.isEmpty() ? 200 : warmUpCompleted.removeFirst();
            return new HandshakeResult("warm-up", 4, 2, completed, 0, 0, 1, 2, 3, null);
        }

        /** What each probe completes in its 2 s, by host and load; 200 for any not given. */
        final java.util.Map<String, Long> probeCompleted = new java.util.HashMap<>();
        /** Probes that fail one exchange, as host and load. */
        final java.util.Set<String> probeFails = new java.util.HashSet<>();

        @Override
        public HandshakeResult probe(String host, int concurrency) {
            String key = host + (kernelRoutes ? " kernel" : "") + " " + concurrency;
            log.add("probe " + key);
            boolean fails = probeFails.contains(key);
            return new HandshakeResult("probe", concurrency, 2, probeCompleted.getOrDefault(key, 200L), fails ? 1 : 0, 0, 1, 2, 3,
                    fails ? "no answer within 5 s" : null);
        }

        @Override
        public HandshakeResult measure(String path, String host, int concurrency) {
            log.add("measure " + path + " " + host + (kernelRoutes ? " over kernel routes" : "") + " at " + concurrency);
            if (path.equals(failOn)) {
                throw new IllegalStateException("load failed");
            }
            if (!kernelRoutes && !path.startsWith("PoP")) {
                offCloudSent += 1000;
            }
            if (path.equals(HandshakeRun.INSPECTED)) {
                proxied += 50;
                hits += 49;
                mints += 1;
            }
            return new HandshakeResult(path, concurrency, 2, 100, 0, 0, 1, 2, 3, null);
        }
    }

    private static HandshakeRun run(FakeLab lab) {
        return run(lab, new InFlight(4));
    }

    private static HandshakeRun run(FakeLab lab, InFlight inFlight) {
        PrintStream progress = new PrintStream(new ByteArrayOutputStream());
        return new HandshakeRun(lab, inFlight, new KernelRoutes(lab, ROUTES, progress), lab, progress);
    }

    @Test
    void measuresDirectThenKernelRoutesPutBackThenThePopInspectedAndPassingThrough() throws Exception {
        FakeLab lab = new FakeLab();

        List<PathFigures> paths = run(lab).run(true);

        int routes = ROUTES.toKernel().size();
        List<String> expected = new ArrayList<>(java.util.Collections.nCopies(HandshakeRun.WARM_MIN_ROUNDS, "warm up app.site-b.lab"));
        expected.add("measure lab direct app.site-b.lab at 4");
        for (int i = 0; i < routes; i++) {
            expected.add("route kernel");
        }
        expected.add("measure kernel baseline app.site-b.lab over kernel routes at 4");
        for (int i = 0; i < routes; i++) {
            expected.add("route tun");
        }
        expected.addAll(List.of("reload bug inspection on", "measure PoP, TLS inspected crm.site-b.lab at 4",
                "reload bug inspection off", "measure PoP, pass-through crm.site-b.lab at 4"));
        assertThat(lab.log).containsExactlyElementsOf(expected);
        assertThat(paths).extracting(p -> p.result().path())
                .containsExactly(HandshakeRun.DIRECT, HandshakeRun.KERNEL, HandshakeRun.INSPECTED, HandshakeRun.PASS_THROUGH);
        assertThat(paths.get(0).evidence()).containsEntry("off-cloud-packets", 1000L);
        assertThat(paths.get(1).evidence()).containsEntry("off-cloud-packets", 0L);
        assertThat(paths.get(2).evidence()).containsEntry("proxied-flows", 50L).containsEntry("mint-cache-hits", 49L)
                .containsEntry("mints", 1L).containsEntry("mint-ms", 0L);
    }

    @Test
    void warmsTheLabOverTheDirectPathUntilItsRateSettlesBeforeMeasuringAnyPath() throws Exception {
        FakeLab lab = new FakeLab();
        lab.warmUpCompleted.addAll(List.of(400L, 800L, 1000L, 980L, 1200L, 1400L, 1450L, 2000L, 2010L, 2020L, 5000L));

        run(lab).run(false);

        // The first path measured must not pay for the JVMs' JIT that the later ones get for free: rounds go on while
        // the rate climbs 5 % or more above the best so far; one flat round (1450 after 1400, or 980 after 1000) does
        // not end it (C2 may still be compiling, or recompiling a method), two in a row do (2010, 2020 after 2000).
        List<String> expected = new ArrayList<>(java.util.Collections.nCopies(10, "warm up app.site-b.lab"));
        expected.add("measure lab direct app.site-b.lab at 4");
        assertThat(lab.log.subList(0, 11)).containsExactlyElementsOf(expected);
    }

    @Test
    void warmsUpForAtLeastTheLeastRoundsEvenWhenTheRateIsFlat() throws Exception {
        FakeLab lab = new FakeLab();

        run(lab).run(false);

        assertThat(lab.log.stream().filter(l -> l.startsWith("warm up")).count()).isEqualTo(HandshakeRun.WARM_MIN_ROUNDS);
    }

    @Test
    void stopsWarmingUpAfterTheMostRoundsWhenTheRateKeepsClimbing() throws Exception {
        FakeLab lab = new FakeLab();
        for (int i = 0; i < HandshakeRun.WARM_MAX_ROUNDS + 5; i++) {
            lab.warmUpCompleted.add(Math.round(100 * Math.pow(1.1, i)));
        }

        run(lab).run(false);

        assertThat(lab.log.stream().filter(l -> l.startsWith("warm up")).count()).isEqualTo(HandshakeRun.WARM_MAX_ROUNDS);
    }

    @Test
    void withoutPassThroughStopsAfterTheInspectedPath() throws Exception {
        FakeLab lab = new FakeLab();

        assertThat(run(lab).run(false)).hasSize(3);
        assertThat(lab.log).doesNotContain("reload bug inspection off");
    }

    @Test
    void putsTheTunRoutesBackWhenTheBaselineFails() {
        FakeLab lab = new FakeLab();
        lab.failOn = HandshakeRun.KERNEL;

        assertThatThrownBy(() -> run(lab).run(true)).hasMessage("load failed");
        assertThat(lab.log.getLast()).isEqualTo("route tun");
        assertThat(lab.log.stream().filter(l -> l.equals("route tun")).count()).isEqualTo(ROUTES.toTun().size());
        assertThat(lab.log).noneMatch(l -> l.startsWith("reload"));
    }

    @Test
    void autoProbesEveryLoadOnEachPathAndCountsAtItsHighestRate() throws Exception {
        FakeLab lab = new FakeLab();
        // The lab: highest at 16, lower at 32 and 64.
        lab.probeCompleted.putAll(java.util.Map.of("app.site-b.lab 4", 1200L, "app.site-b.lab 8", 2000L,
                "app.site-b.lab 16", 2800L, "app.site-b.lab 32", 2760L, "app.site-b.lab 64", 2700L));
        // The kernel: flat from 8 to 16 (a search that stopped at the first flat step ends there), then higher at 32.
        lab.probeCompleted.putAll(java.util.Map.of("app.site-b.lab kernel 4", 2400L, "app.site-b.lab kernel 8", 3460L,
                "app.site-b.lab kernel 16", 3600L, "app.site-b.lab kernel 32", 3800L, "app.site-b.lab kernel 64", 3700L));
        // The inspected PoP: highest at the first load.
        lab.probeCompleted.putAll(java.util.Map.of("crm.site-b.lab 4", 1000L, "crm.site-b.lab 8", 990L));

        List<PathFigures> paths = run(lab, InFlight.AUTO).run(false);

        assertThat(lab.log).containsSubsequence("probe app.site-b.lab 4", "probe app.site-b.lab 8", "probe app.site-b.lab 16",
                "probe app.site-b.lab 32", "probe app.site-b.lab 64", "measure lab direct app.site-b.lab at 16");
        assertThat(lab.log).containsSubsequence("route kernel", "probe app.site-b.lab kernel 4", "probe app.site-b.lab kernel 64",
                "measure kernel baseline app.site-b.lab over kernel routes at 32", "route tun");
        assertThat(lab.log).containsSubsequence("reload bug inspection on", "probe crm.site-b.lab 4", "probe crm.site-b.lab 64",
                "measure PoP, TLS inspected crm.site-b.lab at 4");
        assertThat(paths).allSatisfy(p -> assertThat(p.probes()).extracting(HandshakeResult::concurrency)
                .containsExactlyElementsOf(InFlight.STEPS));
        assertThat(paths).extracting(p -> p.result().concurrency()).containsExactly(16, 32, 4);
    }

    @Test
    void autoStopsAtTheFirstProbeWithAFailedExchangeAndCountsAtTheHighestBeforeIt() throws Exception {
        FakeLab lab = new FakeLab();
        lab.probeCompleted.putAll(java.util.Map.of("app.site-b.lab 4", 1200L, "app.site-b.lab 8", 2000L, "app.site-b.lab 16", 3000L));
        lab.probeFails.add("app.site-b.lab 16");

        List<PathFigures> paths = run(lab, InFlight.AUTO).run(false);

        assertThat(lab.log).containsSubsequence("probe app.site-b.lab 16", "measure lab direct app.site-b.lab at 8");
        assertThat(lab.log).doesNotContain("probe app.site-b.lab 32");
        assertThat(paths.get(0).probes()).hasSize(3);
        assertThat(paths.get(0).probeAt(16)).as("a probe that failed an exchange is no load to compare at").isEmpty();
    }

    @Test
    void aFixedLoadProbesNothing() throws Exception {
        FakeLab lab = new FakeLab();

        List<PathFigures> paths = run(lab, new InFlight(12)).run(true);

        assertThat(lab.log).noneMatch(l -> l.startsWith("probe")).filteredOn(l -> l.startsWith("measure")).allMatch(l -> l.endsWith(" at 12"));
        assertThat(paths).allMatch(p -> p.probes().isEmpty());
    }
}
