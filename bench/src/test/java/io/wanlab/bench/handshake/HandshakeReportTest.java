package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.handshake.HandshakeRun.PathFigures;
import io.wanlab.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HandshakeReportTest {
    private static PathFigures path(String name, long completed, long failed, long resumed, Map<String, Long> evidence) {
        return new PathFigures(new HandshakeResult(name, 4, 5, completed, failed, resumed, 1.5, 4.25, 2, failed > 0 ? "TLS: boom" : null),
                evidence);
    }

    private static final HandshakeReport REPORT = new HandshakeReport(5, new InFlight(4), "openssl", "jdk", List.of(
            path(HandshakeRun.DIRECT, 900, 0, 0, Map.of("off-cloud-packets", 9000L)),
            path(HandshakeRun.KERNEL, 1000, 0, 0, Map.of("off-cloud-packets", 0L)),
            path(HandshakeRun.INSPECTED, 450, 0, 0, Map.of("proxied-flows", 460L, "mint-cache-hits", 459L, "mints", 1L, "mint-ms", 12L))));

    @Test
    void printsEachPathsRateAndTheRatiosAndWhereTheInspectedTimeGoes() {
        assertThat(REPORT.ratio(HandshakeRun.DIRECT, HandshakeRun.KERNEL)).isEqualTo(0.9);
        assertThat(REPORT.ratio(HandshakeRun.INSPECTED, HandshakeRun.PASS_THROUGH)).isNaN();
        List<String> lines = REPORT.lines();
        assertThat(lines.getFirst()).isEqualTo("TLS: client openssl, server stub and PoP jdk; 5 s per path, 4 in flight");
        assertThat(lines).contains("lab direct / kernel: 0.900", "inspected / lab direct: 0.500")
                .anyMatch(l -> l.matches("lab direct +4 +180\\.0 +900 +0 +0 +1\\.50 +4\\.25 +2\\.00"))
                .anyMatch(l -> l.equals("inspected path: TLS with the PoP 4.25 ms (459 certificates from the PoP's cache, 1 minted (12 ms));"
                        + " GET 2.00 ms (the PoP's own TCP and TLS to the server, then the request)"))
                .noneMatch(l -> l.startsWith("inspected / pass-through"));
        assertThat(REPORT.warnings()).isEmpty();
    }

    @Test
    void printsEachPathsCpuPerExchangeAndTheRatioTheCpuAloneWouldAllow() {
        Map<String, Double> labCpu = new java.util.LinkedHashMap<>();
        labCpu.put("client", 0.54);
        labCpu.put("socket-a", 0.18);
        labCpu.put("socket-b", 0.18);
        labCpu.put("server", 0.36);
        Map<String, Double> kernelCpu = new java.util.LinkedHashMap<>();
        kernelCpu.put("client", 0.6);
        kernelCpu.put("socket-a", 0.01);
        kernelCpu.put("socket-b", 0.01);
        kernelCpu.put("server", 0.4);
        HandshakeReport report = new HandshakeReport(5, new InFlight(4), "openssl", "openssl", List.of(
                new PathFigures(new HandshakeResult(HandshakeRun.DIRECT, 4, 5, 900, 0, 0, 1, 1, 1, null), Map.of(), labCpu),
                new PathFigures(new HandshakeResult(HandshakeRun.KERNEL, 4, 5, 1000, 0, 0, 1, 1, 1, null), Map.of(), kernelCpu),
                path(HandshakeRun.INSPECTED, 450, 0, 0, Map.of())));
        // lab: 1.26 s over 900 exchanges = 1.40 ms each; kernel: 1.02 s over 1000 = 1.02 ms each.
        assertThat(report.cpuBoundRatio()).isCloseTo(1.02 / 1.40, org.assertj.core.data.Offset.offset(1e-9));
        List<String> lines = report.lines();
        assertThat(lines).anyMatch(l -> l.matches("CPU ms per exchange +all +client +socket-a +socket-b +server"))
                .anyMatch(l -> l.matches("lab direct +1\\.40 +0\\.60 +0\\.20 +0\\.20 +0\\.40"))
                .anyMatch(l -> l.matches("kernel baseline +1\\.02 +0\\.60 +0\\.01 +0\\.01 +0\\.40"))
                .contains("lab direct / kernel if the CPU alone set the rate (kernel's CPU per exchange / the lab's): 0.729");
        JsonNode json = Json.strict().readTree(report.toJson());
        assertThat(json.get("direct_over_kernel_cpu_bound").doubleValue()).isEqualTo(0.7286);
        assertThat(json.get("paths").get(0).get("cpu_ms_per_exchange").get("socket-a").doubleValue()).isEqualTo(0.2);
        assertThat(json.get("paths").get(0).get("cpu_seconds").get("server").doubleValue()).isEqualTo(0.36);
        assertThat(json.get("paths").get(2).has("cpu_ms_per_exchange")).as("a path without figures has none").isFalse();
        assertThat(REPORT.lines()).noneMatch(l -> l.startsWith("CPU ms") || l.contains("if the CPU alone"));
    }

    @Test
    void warnsWhenAPathWentElsewhereFailedOrResumed() {
        HandshakeReport report = new HandshakeReport(5, new InFlight(4), "openssl", "openssl", List.of(
                path(HandshakeRun.DIRECT, 900, 2, 3, Map.of("off-cloud-packets", 0L)),
                path(HandshakeRun.KERNEL, 1000, 0, 0, Map.of("off-cloud-packets", 7L)),
                path(HandshakeRun.INSPECTED, 450, 0, 0, Map.of("proxied-flows", 10L)),
                path(HandshakeRun.PASS_THROUGH, 0, 0, 0, Map.of("passed-through", 0L, "to-kernel", 3L))));

        assertThat(report.warnings()).containsExactly(
                "lab direct: 2 exchanges failed (first: TLS: boom)",
                "lab direct: 3 handshakes resumed a session (expected: none, every one full)",
                "socket-a sent nothing over its off-cloud link during 'lab direct': not the lab's direct path",
                "socket-a carried 7 packets during the kernel baseline: the kernel routes did not take all of it",
                "the PoP proxied 10 flows for 450 exchanges: not all went through its inspection",
                "PoP, pass-through: no exchange completed",
                "the PoP passed no flow through during 'PoP, pass-through'",
                "the PoP sent 3 packets to its own kernel (its proxy) during 'PoP, pass-through': not all passed through");
    }

    @Test
    void inspectionIsJudgedByTheCertificatesThePopServedNotByItsNewFlows() {
        HandshakeReport reused = new HandshakeReport(20, new InFlight(16), "openssl", "openssl", List.of(
                path(HandshakeRun.INSPECTED, 9007, 0, 0, Map.of("proxied-flows", 7252L, "mint-cache-hits", 9117L, "mints", 1L))));
        HandshakeReport bypassed = new HandshakeReport(5, new InFlight(4), "openssl", "openssl", List.of(
                path(HandshakeRun.INSPECTED, 450, 0, 0, Map.of("proxied-flows", 460L, "mint-cache-hits", 300L, "mints", 1L))));

        assertThat(reused.warnings()).as("client ports reused at 16 in flight: fewer new flows, every exchange inspected").isEmpty();
        assertThat(bypassed.warnings()).containsExactly(
                "the PoP served 301 certificates for 450 exchanges: not all went through its inspection");
    }

    @Test
    void jsonKeepsEveryFigure() {
        JsonNode json = Json.strict().readTree(REPORT.toJson());

        assertThat(json.get("client_tls").asString()).isEqualTo("openssl");
        assertThat(json.get("direct_over_kernel").doubleValue()).isEqualTo(0.9);
        assertThat(json.get("inspected_over_pass_through").isNull()).isTrue();
        JsonNode inspected = json.get("paths").get(2);
        assertThat(inspected.get("handshakes_per_second").doubleValue()).isEqualTo(90.0);
        assertThat(inspected.get("tls_ms").doubleValue()).isEqualTo(4.25);
        assertThat(inspected.get("counters").get("mints").longValue()).isEqualTo(1);
    }

    private static HandshakeResult probe(int concurrency, long completed, long failed) {
        return new HandshakeResult("probe", concurrency, 2, completed, failed, 0, 1, 1, 1, failed > 0 ? "no answer within 5 s" : null);
    }

    @Test
    void autoPrintsEachPathsProbesAndTheRatioAtEqualLoadBesideThePeaks() {
        HandshakeReport report = new HandshakeReport(5, InFlight.AUTO, "openssl", "openssl", List.of(
                new PathFigures(new HandshakeResult(HandshakeRun.DIRECT, 16, 5, 7000, 0, 0, 1, 1, 1, null), Map.of(), Map.of(),
                        List.of(probe(4, 1200, 0), probe(8, 2000, 0), probe(16, 2800, 0), probe(32, 2840, 0))),
                new PathFigures(new HandshakeResult(HandshakeRun.KERNEL, 32, 5, 8000, 0, 0, 1, 1, 1, null), Map.of(), Map.of(),
                        List.of(probe(4, 2400, 0), probe(8, 3000, 0), probe(16, 3300, 0), probe(32, 3800, 1))),
                new PathFigures(new HandshakeResult(HandshakeRun.INSPECTED, 4, 5, 2000, 0, 0, 1, 1, 1, null), Map.of(), Map.of(),
                        List.of(probe(4, 1000, 0), probe(8, 990, 0)))));

        List<String> lines = report.lines();

        assertThat(lines.getFirst()).endsWith("5 s per path, each path at the load that gave its highest rate (--concurrency auto)");
        assertThat(lines).anyMatch(l -> l.matches("lab direct +16 +1400\\.0 +7000 .*"))
                .anyMatch(l -> l.matches("probes, handshakes/s +4 in flight +8 in flight +16 in flight +32 in flight"))
                .anyMatch(l -> l.matches("lab direct +600\\.0 +1000\\.0 +1400\\.0 +1420\\.0"))
                .anyMatch(l -> l.matches("kernel baseline +1200\\.0 +1500\\.0 +1650\\.0 +1900\\.0!"))
                .anyMatch(l -> l.matches("PoP, TLS inspected +500\\.0 +495\\.0 +- +-"))
                .contains("lab direct / kernel: 0.875 (each at its highest rate: 16 and 32 in flight)",
                        "lab direct / kernel at equal load (the probes): 4 in flight 0.500, 8 in flight 0.667, 16 in flight 0.848");
        assertThat(report.warnings()).containsExactly(
                "kernel baseline: 1 exchanges failed in the probe at 32 in flight (first: no answer within 5 s); counted at 32");
        JsonNode json = Json.strict().readTree(report.toJson());
        assertThat(json.get("load").asString()).isEqualTo("auto");
        assertThat(json.has("concurrency")).as("no one load for the run").isFalse();
        assertThat(json.get("paths").get(0).get("concurrency").intValue()).isEqualTo(16);
        assertThat(json.get("paths").get(1).get("probes").get(3).get("failed").longValue()).isEqualTo(1);
        assertThat(json.get("paths").get(2).get("probes").get(1).get("handshakes_per_second").doubleValue()).isEqualTo(495.0);
        assertThat(json.get("direct_over_kernel_at_equal_load")).hasSize(3);
        assertThat(json.get("direct_over_kernel_at_equal_load").get(2).get("ratio").doubleValue()).isEqualTo(0.8485);
    }

    @Test
    void aFixedLoadPrintsNoProbesAndKeepsItsNumberInTheJson() {
        JsonNode json = Json.strict().readTree(REPORT.toJson());

        assertThat(REPORT.lines()).noneMatch(l -> l.startsWith("probes") || l.contains("equal load") || l.contains("highest rate"));
        assertThat(json.get("load").asString()).isEqualTo("fixed");
        assertThat(json.get("concurrency").intValue()).isEqualTo(4);
        assertThat(json.get("paths").get(0).get("concurrency").intValue()).isEqualTo(4);
        assertThat(json.get("paths").get(0).has("probes")).isFalse();
        assertThat(json.has("direct_over_kernel_at_equal_load")).isFalse();
    }
}
