package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.AccountingCheck;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventJson;
import io.wanlab.core.json.Json;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.pcap.CaptureFiles;
import io.wanlab.core.pcap.CaptureFrame;
import io.wanlab.core.pcap.CaptureSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Failover like the product: the fixed rules send site A to site B over off-cloud with cato as
 * the secondary; off-cloud has a 200 ms x 3 keepalive. The client opens a new UDP flow every
 * 10 ms (a new source port each); off-cloud is blackholed at run time. Measured from socket-a's
 * own events and captures: when the link was declared down, and when the first new flow left on
 * cato-a after that (asserted within 1 s). Cleared, off-cloud comes back and carries new flows
 * again. Root only; CI runs it.
 */
@Tag("live")
class FailoverLiveTest {
    static final String LAB = "tfailover";
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int PORT = 9;

    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftBehind() {
        LiveLab.down(LAB);
        LiveLab.assertNothingLeft(LAB);
    }

    private static JsonNode linkOf(String status, String link) {
        for (JsonNode l : Json.strict().readTree(status).path("links")) {
            if (l.path("name").asString().equals(link)) {
                return l;
            }
        }
        throw new AssertionError("no link " + link + " in " + status);
    }

    /** Polls socket-a's status until the condition holds; returns when (epoch ms). */
    private static long await(String what, Predicate<String> condition, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            String status = LiveLab.status(LAB, "socket-a");
            if (condition.test(status)) {
                return System.currentTimeMillis();
            }
            assertThat(System.currentTimeMillis()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void newFlowsTakeTheSecondaryWithinASecondOfTheLinkBeingDeclaredDown() throws Exception {
        LiveLab.assumeCanRun(LAB);
        String preset = LabPresets.text("fixed");
        String offCloud = "  - {name: off-cloud, kind: off-cloud, endpoints: [socket-a, socket-b]}";
        assertThat(preset).contains(offCloud);
        Path labFile = dir.resolve("failover.yaml");
        Files.writeString(labFile, preset.replace(offCloud, offCloud.replace("]}", "], keepalive: {interval: 200ms, misses: 3}}")));
        LabLauncher.RunningLab lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec(labFile.toString(), null, null),
                dir.resolve("run"), true, Duration.ofSeconds(40)));

        // A new flow every 10 ms: bash opens a new UDP socket (a new source port) for each datagram.
        Process traffic = new ProcessBuilder(new NamespaceBackend(LAB).exec("client", List.of("bash", "-c",
                "end=$((SECONDS+14)); while [ $SECONDS -lt $end ]; do echo x > /dev/udp/198.18.2.10/" + PORT + "; sleep 0.01; done")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // An existing flow: one ping (one echo id) running across the failover.
        Process ping = new ProcessBuilder(new NamespaceBackend(LAB).exec("client", List.of("ping", "-q", "-c", "200", "-i", "0.05",
                "198.18.2.10"))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await("new flows on off-cloud", s -> linkOf(s, "off-cloud").path("sent").asLong() > 20, 5000);

            long blackholeAt = System.currentTimeMillis();
            assertThat(LinkImpairmentLiveTest.link("set", "off-cloud", "--name", LAB, "--blackhole")).isZero();
            long downSeen = await("off-cloud declared down", s -> !linkOf(s, "off-cloud").path("up").asBoolean(true), 5000);
            long catoBefore = linkOf(LiveLab.status(LAB, "socket-a"), "cato-a").path("sent").asLong();
            await("new flows on cato-a", s -> linkOf(s, "cato-a").path("sent").asLong() > catoBefore + 20, 3000);

            long clearAt = System.currentTimeMillis();
            assertThat(LinkImpairmentLiveTest.link("set", "off-cloud", "--name", LAB, "--clear")).isZero();
            long upAgain = await("off-cloud up again", s -> linkOf(s, "off-cloud").path("up").asBoolean(false), 8000);
            long offBefore = linkOf(LiveLab.status(LAB, "socket-a"), "off-cloud").path("sent").asLong();
            await("new flows back on off-cloud", s -> linkOf(s, "off-cloud").path("sent").asLong() > offBefore + 20, 3000);
            System.out.printf("failover (status polls): blackhole set, declared down seen after %d ms; off-cloud up again %d ms after clear%n",
                    downSeen - blackholeAt, upAgain - clearAt);

            List<String> books = AccountingCheck.after(LAB, List.of("socket-a", "socket-b", "pop"));
            books.forEach(System.out::println);
            assertThat(AccountingCheck.pass(books)).isTrue();
            assertThat(books.getFirst()).contains("impair-blackhole");
        } finally {
            traffic.destroy();
            traffic.waitFor();
            ping.destroy();
            ping.waitFor();
        }
        LiveLab.down(LAB);

        // Measured from socket-a's own records: the link-down event and the capture of cato-a.
        Path socketA = lab.runDir().resolve("socket-a");
        List<Event> events = EventJson.readAll(socketA.resolve("events.jsonl"));
        Event.LinkDown down = events.stream().filter(e -> e instanceof Event.LinkDown d && d.link().equals("off-cloud"))
                .map(e -> (Event.LinkDown) e).findFirst().orElseThrow();
        Event.LinkImpaired blackhole = events.stream().filter(e -> e instanceof Event.LinkImpaired i && i.impairment().equals("blackhole"))
                .map(e -> (Event.LinkImpaired) e).findFirst().orElseThrow();
        long downNanos = down.timeMillis() * 1_000_000L;
        // Ports the kernel picks at random can come round again: a flow whose port went over off-cloud before is not new.
        Set<Integer> offCloudPorts = sourcePorts(socketA.resolve("socket-a-off-cloud.pcapng"), downNanos);
        CaptureFrame first = null;
        try (CaptureSource cato = CaptureFiles.open(socketA.resolve("socket-a-cato-a.pcapng"))) {
            for (CaptureFrame f = cato.next(); f != null; f = cato.next()) {
                if (isProbe(f) && f.timestampNanos() >= downNanos && !offCloudPorts.contains(srcPort(f))) {
                    first = f;
                    break;
                }
            }
        }
        assertThat(first).as("a new flow left on cato-a after off-cloud went down").isNotNull();
        double switchMillis = (first.timestampNanos() - downNanos) / 1e6;
        System.out.printf("failover: off-cloud blackholed at %d; declared down (link-down: %s) %d ms later; first new flow on cato-a"
                        + " %.1f ms after the link-down event (%.1f ms after the blackhole)%n", blackhole.timeMillis(), down.reason(),
                down.timeMillis() - blackhole.timeMillis(), switchMillis, (first.timestampNanos() - blackhole.timeMillis() * 1_000_000L) / 1e6);
        assertThat(switchMillis).as("new flows take the secondary within 1 s of the link being declared down").isLessThanOrEqualTo(1000.0);
        assertThat(down.timeMillis() - blackhole.timeMillis()).as("declared down after about 3 x 200 ms").isBetween(300L, 2500L);
        long pingBefore = countEchoes(socketA.resolve("socket-a-off-cloud.pcapng"), 0, blackhole.timeMillis() * 1_000_000L);
        long pingMoved = countEchoes(socketA.resolve("socket-a-cato-a.pcapng"), downNanos, Long.MAX_VALUE);
        System.out.printf("existing flow (one ping): %d echo requests over off-cloud before the blackhole, %d over cato-a after the link-down%n",
                pingBefore, pingMoved);
        assertThat(pingBefore).as("the ping's flow existed on off-cloud").isPositive();
        assertThat(pingMoved).as("the existing flow moved to the secondary with its next packets").isPositive();
        assertThat(events).as("off-cloud came back").anyMatch(e -> e instanceof Event.LinkUp u && u.link().equals("off-cloud")
                && u.timeMillis() > down.timeMillis());
    }

    private static long countEchoes(Path capture, long fromNanos, long toNanos) throws Exception {
        long n = 0;
        try (CaptureSource s = CaptureFiles.open(capture)) {
            for (CaptureFrame f = s.next(); f != null; f = s.next()) {
                byte[] ip = f.ipv4();
                int ihl = (ip[0] & 0x0f) * 4;
                if (ip.length > ihl && ip[9] == 1 && ip[ihl] == 8 && f.timestampNanos() >= fromNanos && f.timestampNanos() < toNanos) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean isProbe(CaptureFrame f) {
        byte[] ip = f.ipv4();
        if (ip.length < 28 || ip[9] != 17) {
            return false;
        }
        int dst = ((ip[16] & 0xff) << 24) | ((ip[17] & 0xff) << 16) | ((ip[18] & 0xff) << 8) | (ip[19] & 0xff);
        int ihl = (ip[0] & 0x0f) * 4;
        int dport = ((ip[ihl + 2] & 0xff) << 8) | (ip[ihl + 3] & 0xff);
        return dst == SERVER && dport == PORT;
    }

    private static int srcPort(CaptureFrame f) {
        int ihl = (f.ipv4()[0] & 0x0f) * 4;
        return ((f.ipv4()[ihl] & 0xff) << 8) | (f.ipv4()[ihl + 1] & 0xff);
    }

    private static Set<Integer> sourcePorts(Path capture, long beforeNanos) throws Exception {
        Set<Integer> ports = new HashSet<>();
        try (CaptureSource s = CaptureFiles.open(capture)) {
            for (CaptureFrame f = s.next(); f != null; f = s.next()) {
                if (isProbe(f) && f.timestampNanos() < beforeNanos) {
                    ports.add(srcPort(f));
                }
            }
        }
        return ports;
    }
}
