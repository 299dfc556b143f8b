package io.wanlab.bench.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.BackendKind;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.DockerBackend;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.NodeReloads;
import io.wanlab.bench.repro.Route;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.ContainerPlanner;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The seed's bug and both fixes on a lab in containers ({@code --backend docker}), brought up once
 * in-process and reloaded per scenario as repro does: each judged by a real curl in the client
 * container and by the run folder's captures, read with the project's pcapng reader. curl binds a
 * local port of its own per test, so the flow is found in the captures without guessing.
 */
@Tag("live")
@ResourceLock(DockerLabs.SEED_SUBNETS)
class DockerLabLiveTest {
    static final String LAB = "tcdock";
    static LabLauncher.RunningLab lab;
    static Path runs;

    @BeforeAll
    static void up() throws Exception {
        DockerLabs.requireEngineAndImage();
        // A run killed mid-way leaves its lab: remove only this class's own.
        new LabCleaner(new DockerBackend(LAB)).clean();
        DockerLabs.removeLeftovers(LAB);
        runs = Files.createTempDirectory("wanlab-docker-");
        Scenario first = scenario("bug-off-cloud");
        lab = new LabLauncher(LAB, System.out, BackendKind.DOCKER).up(new LabLauncher.Options(first.spec(), runs.resolve("run"), true,
                Duration.ofSeconds(120)));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            new LabCleaner(new DockerBackend(LAB)).clean();
            assertThat(DockerLabs.leftovers(LAB)).as("down removes every container and network of lab %s", LAB).isEmpty();
        } finally {
            DockerLabs.removeLeftovers(LAB);
            if (runs != null) {
                DockerLabs.deleteTree(runs);
            }
        }
    }

    @Test
    void everyContainerAndNetworkCarriesTheTestLabel() {
        assertThat(DockerLabs.leftovers(LAB)).as("the lab's containers and networks, found by io.wanlab.lab=%s and io.wanlab.test=1", LAB)
                .hasSize(lab.topology().nodes().size() + ContainerPlanner.networks(lab.topology()).size())
                .contains("container /" + LAB + "-client", "network " + LAB + "-l-off-cloud");
    }

    @Test
    void theSeedsBugResetsCurlAndTheServerSawNoSyn() throws Exception {
        Scenario s = scenario("bug-off-cloud");
        int port = 41001;
        Path dir = reload(s);

        CommandResult curl = curl(s.route(), port);

        assertThat(curl.exitCode()).as("curl exits 35 (TLS connect error): %s", curl.stderr()).isEqualTo(35);
        assertThat(curl.stderr()).contains("Connection reset by peer");
        Path lan = serverLan(dir, s.route());
        List<DockerLabs.Tcp> flow = await(lan, port, f -> f.stream().anyMatch(DockerLabs.Tcp::rst));
        assertThat(flow).as("socket-b's LAN capture of the flow from port %d: %s", port, flow).isNotEmpty();
        assertThat(flow.getFirst().syn()).as("the first packet at the server's LAN is not a SYN: %s", flow).isFalse();
        assertThat(flow.getFirst().payloadLength()).as("it is the ClientHello, payload with no SYN before it").isPositive();
        assertThat(flow).as("the server answered RST").anyMatch(t -> t.rst() && t.src() == s.route().serverAddr());
    }

    @Test
    void fixReorderAnswersAndThePopNeverSeesTheFlow() throws Exception {
        Scenario s = scenario("fix-reorder-off-cloud");
        int port = 41002;
        Path dir = reload(s);

        CommandResult curl = curl(s.route(), port);

        assertThat(curl.exitCode()).as("curl succeeds: %s", curl.stderr()).isZero();
        assertThat(curl.stdout()).contains("wanlab server-stub", "sni: " + s.route().serverName());
        List<DockerLabs.Tcp> atServer = await(serverLan(dir, s.route()), port, f -> !f.isEmpty() && f.getFirst().syn());
        assertThat(atServer).as("the capture works: the flow reached the server's LAN, SYN first: %s", atServer)
                .isNotEmpty().first().matches(DockerLabs.Tcp::syn);
        assertThat(DockerLabs.flowIn(dir.resolve("pop"), port)).as("no packet of the flow in any of the PoP's captures").isEmpty();
    }

    @Test
    void tlsInspectionOffAnswersAndTheServerGetsTheSynFirst() throws Exception {
        Scenario s = scenario("fix-tls-inspection-off");
        int port = 41003;
        Path dir = reload(s);

        CommandResult curl = curl(s.route(), port);

        assertThat(curl.exitCode()).as("curl succeeds: %s", curl.stderr()).isZero();
        assertThat(curl.stdout()).contains("wanlab server-stub", "sni: " + s.route().serverName());
        List<DockerLabs.Tcp> flow = await(serverLan(dir, s.route()), port, f -> f.stream().anyMatch(t -> t.payloadLength() > 0));
        assertThat(flow).as("socket-b's LAN capture of the flow: %s", flow).isNotEmpty();
        assertThat(flow.getFirst()).as("the server got the SYN first, so it knows the connection: %s", flow)
                .matches(t -> t.syn() && t.dst() == s.route().serverAddr());
        // Only the server's own RSTs count: curl may reset its side after the exchange, when the server's
        // close_notify reaches a socket curl has already closed (timing that depends on the stub's TLS provider).
        assertThat(flow).as("the server reset nothing").noneMatch(t -> t.rst() && t.src() == s.route().serverAddr());
        assertThat(DockerLabs.flowIn(dir.resolve("pop"), port)).as("the handshake crossed the PoP (pass-through)").isNotEmpty();
    }

    static Scenario scenario(String name) {
        return Scenario.seed(List.of(name)).getFirst();
    }

    /** Reloads every node with the scenario's configuration; its captures and events go to a fresh folder. */
    static Path reload(Scenario s) throws Exception {
        Path dir = lab.runDir().resolve(s.folder("curl"));
        String request = NodeReloads.request(s.spec(), dir);
        for (String node : lab.processes().keySet()) {
            assertThat(StatusServer.ask(LabNames.statusSocket(LAB, node), request)).as("%s takes the reload", node).contains("\"ok\":true");
        }
        return dir;
    }

    /** curl in the client container from a fixed local port, trusting the run's lab CA (the run folder is mounted at the same path). */
    static CommandResult curl(Route route, int localPort) {
        String server = Ipv4.format(route.serverAddr());
        List<String> argv = new DockerBackend(LAB).exec(route.clientHost(), List.of("curl", "-sS", "-m", "10", "--local-port",
                Integer.toString(localPort), "--cacert", lab.runDir().resolve("ca.pem").toString(), "--resolve",
                route.serverName() + ":" + route.port() + ":" + server, "https://" + route.serverName() + "/"));
        return DockerLabs.run(Duration.ofSeconds(30), argv);
    }

    static Path serverLan(Path dir, Route route) {
        return dir.resolve(route.serverSocket()).resolve(route.serverSocket() + "-lan.pcapng");
    }

    /**
     * The flow's packets in that capture once {@code done} holds, or as they are after 5 s: nodes
     * write captures on their own loop, and a status query flushes them.
     */
    static List<DockerLabs.Tcp> await(Path capture, int port, Predicate<List<DockerLabs.Tcp>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (String node : lab.processes().keySet()) {
                StatusServer.ask(LabNames.statusSocket(LAB, node), "status");
            }
            List<DockerLabs.Tcp> flow = DockerLabs.flow(capture, port);
            if (done.test(flow) || System.nanoTime() > deadline) {
                return flow;
            }
            Thread.sleep(100);
        }
    }
}
