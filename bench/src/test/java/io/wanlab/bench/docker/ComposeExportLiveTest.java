package io.wanlab.bench.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.DockerBackend;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.Route;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.TopologyPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code wanlab export compose bug} (the command line, in its own JVM) brought up with the
 * docker-compose 1.29 CLI is a working lab: curl in its client container is reset as the seed
 * says, and {@code docker-compose down} leaves nothing of it.
 */
@Tag("live")
@ResourceLock(DockerLabs.SEED_SUBNETS)
class ComposeExportLiveTest {
    static final String LAB = "tccompose";
    static Path dir;
    static Path composeFile;

    @BeforeAll
    static void engineImageAndCompose() throws IOException {
        DockerLabs.requireEngineAndImage("docker-compose");
        DockerLabs.removeLeftovers(LAB);
        dir = Files.createTempDirectory("wanlab-compose-");
        composeFile = dir.resolve("docker-compose.yml");
    }

    @AfterAll
    static void removeWhatIsLeft() throws IOException {
        try {
            if (composeFile != null && Files.exists(composeFile)) {
                compose("down", "--timeout", "2");
            }
        } finally {
            DockerLabs.removeLeftovers(LAB);
            if (dir != null) {
                DockerLabs.deleteTree(dir);
            }
        }
    }

    @Test
    void theExportedLabResetsCurlAndComposeDownRemovesIt() throws Exception {
        Path run = dir.resolve("run");
        CommandResult export = wanlab(composeFile, "export", "compose", "bug", "--name", LAB, "--out", run.toString());
        assertThat(export.exitCode()).as("wanlab export compose: %s", export.stderr()).isZero();
        assertThat(Files.readString(composeFile)).as("the export labels what it creates for the tests' clean-up")
                .contains("io.wanlab.test: '1'");

        long t0 = System.nanoTime();
        CommandResult up = compose("up", "-d");
        assertThat(up.exitCode()).as("docker-compose up -d: %s", up.stderr()).isZero();
        awaitReady(run);
        System.out.printf("compose lab %s up and ready in %.1f s%n", LAB, (System.nanoTime() - t0) / 1e9);

        Route route = Scenario.seed(List.of("bug-off-cloud")).getFirst().route();
        CommandResult curl = DockerLabs.run(Duration.ofSeconds(30), new DockerBackend(LAB).exec(route.clientHost(), List.of("curl", "-sS",
                "-m", "10", "--cacert", run.resolve("ca.pem").toString(), "--resolve",
                route.serverName() + ":" + route.port() + ":" + Ipv4.format(route.serverAddr()), "https://" + route.serverName() + "/")));
        assertThat(curl.exitCode()).as("curl in %s-client exits 35: %s", LAB, curl.stderr()).isEqualTo(35);
        assertThat(curl.stderr()).contains("Connection reset by peer");

        CommandResult down = compose("down", "--timeout", "2");
        assertThat(down.exitCode()).as("docker-compose down: %s", down.stderr()).isZero();
        assertThat(DockerLabs.leftovers(LAB)).as("no container or network of %s is left after docker-compose down", LAB).isEmpty();
        assertThat(new DockerBackend(LAB).list()).as("nor anything labelled io.wanlab.lab=%s", LAB).isEmpty();
    }

    /** Every node that runs a process answers its status socket (bind-mounted from /run/wanlab/LAB) as ready. */
    static void awaitReady(Path run) throws Exception {
        LabFile file = new LabSpec("bug", null, null).load();
        LabTopology topology = TopologyPlanner.plan(LAB, file);
        List<String> waiting = new ArrayList<>();
        for (Node n : LabLauncher.runningNodes(topology, LabLauncher.Stub.everySite(file, topology))) {
            waiting.add(n.name());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!waiting.isEmpty()) {
            waiting.removeIf(ComposeExportLiveTest::ready);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready after 120 s: " + waiting + "; see " + run + " and docker logs " + LAB + "-<node>");
            }
            Thread.sleep(200);
        }
    }

    static boolean ready(String node) {
        Path socket = LabNames.statusSocket(LAB, node);
        try {
            return Files.exists(socket) && StatusServer.ask(socket, "status").contains("\"ready\":true");
        } catch (IOException e) {
            return false;
        }
    }

    static CommandResult compose(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", LAB, "-f", composeFile.toString()));
        argv.addAll(List.of(args));
        return DockerLabs.run(Duration.ofSeconds(180), argv);
    }

    /** The wanlab command line in a JVM of its own (this test's class path), its standard output into {@code out}. */
    static CommandResult wanlab(Path out, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.wanlab.bench.Wanlab"));
        argv.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "wanlab", ".err");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new CommandResult(argv, p.isAlive() ? -1 : p.exitValue(), "", Files.readString(err));
    }
}
