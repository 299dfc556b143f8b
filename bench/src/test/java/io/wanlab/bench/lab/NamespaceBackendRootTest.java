package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.core.topo.LabCommands;
import io.wanlab.core.topo.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default lab built for real in network namespaces, pinged through, then cleaned up. Needs
 * root, /dev/net/tun and iproute2 (CI has them); refuses to run beside an existing lab.
 */
@Tag("root")
class NamespaceBackendRootTest {
    /** Its own lab name, so it never touches the default lab or another test's. */
    private static final String LAB = "tnsroot";
    private static final LabTopology TOPOLOGY = io.wanlab.core.topo.TopologyPlanner.plan(LAB, NamespaceBackendTest.defaultLab());

    @TempDir
    Path dir;

    private final ProcessCommandExecutor executor = new ProcessCommandExecutor();
    private final NamespaceBackend backend = new NamespaceBackend(LAB, executor, new LinuxProcessTable(), Duration.ofSeconds(3));
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void requireAnEmptyLabHost() {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), () -> "needs a host that can build a lab: " + String.join("; ", problems));
        List<String> existing = backend.list();
        assumeTrue(existing.isEmpty(), () -> "lab namespaces exist already (a lab or another test is running),"
                + " and this test removes every namespace of lab " + LAB + ": " + existing);
    }

    @AfterEach
    void removeWhatThisTestMade() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (!Preflight.check().isEmpty()) {
            return;
        }
        List<String> present = backend.list();
        for (List<String> del : LabCommands.teardown(TOPOLOGY)) {
            if (present.contains(del.getLast())) {
                executor.attempt(del);
            }
        }
    }

    @Test
    void defaultLabCarriesPingsOnTheLanAndTheUnderlay() {
        assumeTrue(new Preflight.SystemProbe().onPath("ping"), "needs ping (iputils-ping)");
        backend.create(TOPOLOGY);

        assertThat(backend.list()).containsExactlyInAnyOrderElementsOf(TOPOLOGY.namespaces());
        assertThat(ping("client", "198.18.1.1").exitCode()).as("client reaches its socket's LAN address").isZero();
        assertThat(ping("server", "198.18.2.1").exitCode()).as("server reaches its socket's LAN address").isZero();
        assertThat(ping("socket-a", "198.19.1.2").exitCode()).as("socket-a reaches the PoP over cato-a").isZero();
        assertThat(ping("socket-a", "198.19.3.2").exitCode()).as("socket-a reaches socket-b over off-cloud").isZero();

        String tun = executor.run(backend.exec("pop", List.of("ip", "-d", "link", "show", "wl-pop"))).stdout();
        assertThat(tun).contains("mtu 1400").contains("tun type tun pi off");
        String routes = executor.run(backend.exec("socket-a", List.of("ip", "route"))).stdout();
        assertThat(routes).contains("198.18.2.0/24 dev wl-lan");
        String forwarding = executor.run(backend.exec("socket-b", List.of("sysctl", "-n", "net.ipv4.ip_forward"))).stdout();
        assertThat(forwarding.strip()).isEqualTo("1");
    }

    @Test
    void cleanerStopsLabProcessesRemovesEveryNamespaceAndThenFindsNothing() throws IOException {
        backend.create(TOPOLOGY);
        Process inPop = start(backend.exec("pop", List.of("sleep", "300")));
        Process recorded = start(List.of("bash", "-c", "exec -a wanlab-test-sleeper sleep 300"));
        Process stranger = start(List.of("sleep", "301"));
        Path stateFile = dir.resolve("lab.json");
        Files.createFile(dir.resolve("pop.sock"));
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("up", recorded.pid());
        pids.put("socket-a", stranger.pid());
        new LabState(dir, dir.resolve("lab.yaml"), pids, Instant.now()).write(stateFile);
        awaitCommandLine(recorded, "wanlab-test-sleeper");
        awaitInNamespace(inPop, LAB + "-pop");

        LabCleaner cleaner = new LabCleaner(backend, new LinuxProcessTable(), dir, Duration.ofSeconds(3));
        CleanupReport report = cleaner.clean();

        assertThat(report.removed()).containsExactlyInAnyOrderElementsOf(
                TOPOLOGY.namespaces().stream().map(ns -> "namespace " + ns).toList());
        assertThat(backend.list()).as("no namespace of the lab is left").isEmpty();
        assertThat(report.stopped()).contains("pid " + recorded.pid() + " (up)", "pid " + inPop.pid() + " (in " + LAB + "-pop)");
        assertThat(inPop.isAlive()).isFalse();
        assertThat(recorded.isAlive()).isFalse();
        assertThat(stranger.isAlive()).as("a recorded pid now running another program is left alone").isTrue();
        assertThat(dir).as("the lab's folder went with its state file and sockets").doesNotExist();

        CleanupReport again = cleaner.clean();
        assertThat(again.nothingFound()).isTrue();
        assertThat(again.summary(LAB).getFirst()).startsWith("No lab '" + LAB + "' found");
    }

    private CommandResult ping(String node, String address) {
        return executor.attempt(backend.exec(node, List.of("ping", "-c1", "-W1", address)));
    }

    private Process start(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private static void awaitCommandLine(Process p, String mark) {
        LinuxProcessTable table = new LinuxProcessTable();
        // Up to 15 s: on a loaded 2-core CI machine, fork, jspawnhelper, bash and exec can take seconds.
        for (int i = 0; i < 750 && !table.commandLine(p.pid()).orElse("").contains(mark); i++) {
            sleep();
        }
        assertThat(table.commandLine(p.pid())).as("the test process is up").hasValueSatisfying(c -> assertThat(c).contains(mark));
    }

    private void awaitInNamespace(Process p, String ns) {
        for (int i = 0; i < 750 && !executor.run(LabCommands.namespacePids(LAB, ns)).lines().contains(Long.toString(p.pid())); i++) {
            sleep();
        }
        assertThat(executor.run(LabCommands.namespacePids(LAB, ns)).lines()).contains(Long.toString(p.pid()));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
