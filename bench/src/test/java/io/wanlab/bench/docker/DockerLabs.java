package io.wanlab.bench.docker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.pcap.CapturedPacket;
import io.wanlab.core.pcap.PcapngReader;
import io.wanlab.core.topo.DockerCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * Test fixture for labs in containers: the engine and image check (fail under {@code ./wanlab test}
 * or CI, skip elsewhere), what a lab left behind by label, and a capture's TCP packets of one flow.
 */
final class DockerLabs {
    static final String IMAGE = DockerCommands.DEFAULT_IMAGE;
    /** What surefire's WANLAB_EXTRA_LABEL puts on every container and network the tests' labs create. */
    static final String TEST_LABEL_KEY = "io.wanlab.test";
    /**
     * Docker refuses overlapping subnets: only one lab of the seed's addresses can exist in containers
     * at a time, so every test class that brings one up holds this lock.
     */
    static final String SEED_SUBNETS = "wanlab-docker-seed-subnets";

    private DockerLabs() {
    }

    /** Fails (after ./wanlab test's setup, or in CI) or skips, with the reason, unless the engine, the CLI and the image are there. */
    static void requireEngineAndImage(String... commands) {
        List<String> missing = new ArrayList<>();
        for (String c : Stream.concat(Stream.of("docker"), Stream.of(commands)).toList()) {
            if (!Preflight.onPath(c)) {
                missing.add("the " + c + " command is not on the PATH");
            }
        }
        String cli = missing.isEmpty() ? new io.wanlab.bench.lab.DockerBackend("tcprobe").problem() : null;
        if (cli != null) {
            // The backend drives the docker CLI, which may see another engine (DOCKER_HOST) than Testcontainers does.
            missing.add(cli);
        } else if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing.add("no Docker engine answers (Testcontainers found none)");
        } else {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            } catch (NotFoundException e) {
                missing.add("image " + IMAGE + " is missing");
            }
        }
        if (!"io.wanlab.test=1".equals(System.getenv(DockerCommands.EXTRA_LABEL_ENV))) {
            missing.add(DockerCommands.EXTRA_LABEL_ENV + " is not io.wanlab.test=1 (bench/pom.xml's surefire sets it)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = String.join("; ", missing);
        if ("1".equals(System.getenv("WANLAB_TEST_SETUP")) || "true".equals(System.getenv("CI"))) {
            fail(why + ", although ./wanlab test's setup ran (it installs docker.io and docker-compose, starts the engine"
                    + " and runs ./wanlab image): see its output above");
        }
        abort(why + ": run ./wanlab test (as root it installs docker.io and docker-compose, starts the engine and builds"
                + " the image), or ./wanlab image");
    }

    /** Names of the containers and networks that carry lab {@code lab}'s label and the test label. */
    static List<String> leftovers(String lab) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return List.of(); // no engine (the class was skipped): nothing can be left
        }
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> labels = Map.of(DockerCommands.LAB_LABEL, lab, TEST_LABEL_KEY, "1");
        List<String> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
            out.add("container " + String.join(",", c.getNames()));
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()).exec()) {
            out.add("network " + n.getName());
        }
        return out;
    }

    /** Removes what {@link #leftovers} lists (only this lab's, only what a test made), and the lab's folder. */
    static void removeLeftovers(String lab) throws IOException {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            DockerClient docker = DockerClientFactory.instance().client();
            Map<String, String> labels = Map.of(DockerCommands.LAB_LABEL, lab, TEST_LABEL_KEY, "1");
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            for (Network n : docker.listNetworksCmd().withFilter("label", labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()).exec()) {
                docker.removeNetworkCmd(n.getId()).exec();
            }
        }
        deleteTree(io.wanlab.core.topo.LabNames.runFolder(lab));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static CommandResult run(Duration timeout, List<String> argv) {
        try {
            return new ProcessCommandExecutor(timeout).attempt(argv);
        } catch (LabSetupException e) {
            return new CommandResult(argv, -1, "", e.getMessage());
        }
    }

    /** One TCP packet of a capture. */
    record Tcp(int src, int sport, int dst, int dport, int flags, int payloadLength) {
        boolean syn() {
            return (flags & 0x02) != 0;
        }

        boolean rst() {
            return (flags & 0x04) != 0;
        }

        @Override
        public String toString() {
            return sport + ">" + dport + (syn() ? " SYN" : "") + (rst() ? " RST" : "") + " len=" + payloadLength;
        }
    }

    /** The TCP packets of that capture to or from {@code port}, in capture order (none if the file is missing). */
    static List<Tcp> flow(Path pcapng, int port) throws IOException {
        if (!Files.exists(pcapng)) {
            return List.of();
        }
        List<Tcp> out = new ArrayList<>();
        PacketView view = new PacketView();
        for (CapturedPacket p : PcapngReader.readAll(pcapng)) {
            ByteBuf buf = Unpooled.wrappedBuffer(p.data());
            if (view.wrap(buf) != DropReason.NONE || !view.isTcp()) {
                continue;
            }
            if (view.srcPort() == port || view.dstPort() == port) {
                out.add(new Tcp(view.srcAddress(), view.srcPort(), view.dstAddress(), view.dstPort(), view.tcp().flags(),
                        view.payloadLength()));
            }
        }
        return out;
    }

    /** Every TCP packet to or from {@code port} in every capture under {@code folder}. */
    static List<Tcp> flowIn(Path folder, int port) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Tcp> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pcapng")).sorted().toList()) {
                out.addAll(flow(f, port));
            }
        }
        return out;
    }
}
