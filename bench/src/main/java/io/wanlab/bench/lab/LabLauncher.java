package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.NodeRole;
import io.wanlab.core.topo.TopologyPlanner;
import io.wanlab.server.ca.LabCa;
import io.wanlab.server.ca.LabCaFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a live lab up under its name: checks, namespaces and links, the run folder (secret, CA),
 * one JVM per device started inside its namespace, then waits until every node says it is ready
 * over its status socket in the lab's folder (never a fixed sleep). Any failure on the way tears
 * down what was made, status sockets included; another lab is never touched.
 */
public final class LabLauncher {
    private final String lab;
    /** The lab's folder ({@code /run/wanlab/<lab>}): created first, atomically, so two 'up' of one name cannot both proceed. */
    private final Path folder;
    private final Path stateFile;
    private final PrintStream progress;
    private final BackendKind kind;
    private final LabBackend backend;

    public LabLauncher(String lab, PrintStream progress) {
        this(lab, progress, BackendKind.NAMESPACES);
    }

    /** {@code kind}: where the nodes live ({@code --backend}). */
    public LabLauncher(String lab, PrintStream progress, BackendKind kind) {
        this.lab = LabNames.requireLabName(requireNonNull(lab, "lab"));
        this.folder = LabNames.runFolder(lab);
        this.stateFile = LabNames.stateFile(lab);
        this.progress = requireNonNull(progress, "progress");
        this.kind = requireNonNull(kind, "kind");
        this.backend = kind.of(lab);
    }

    /**
     * A TLS server stub on a site's host: the ports it listens on (on the host's address) and the
     * names its certificate carries, the primary first (empty: the seed's names).
     */
    public record Stub(String host, List<Integer> ports, List<String> names) {
        public Stub {
            requireNonNull(host, "host");
            ports = List.copyOf(ports);
            names = List.copyOf(names);
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("stub on " + host + ": no port (expected: at least one)");
            }
        }

        /** The seed's server: host {@code server}, port 443, app.site-b.lab and crm.site-b.lab. */
        public static final Stub SEED = new Stub("server", List.of(443), List.of());

        /**
         * For {@code up}: a stub on port 443 of every site's host but the first (the first is the
         * client's), its certificate for {@code app.<site>.lab} (the primary name), a name no
         * application claims ({@code other.<site>.lab}) and every catalog domain a certificate can carry.
         */
        public static List<Stub> everySite(io.wanlab.core.lab.LabFile lab, LabTopology topology) {
            List<Stub> out = new ArrayList<>();
            for (int i = 1; i < topology.sites().size(); i++) {
                io.wanlab.core.topo.SitePlan site = topology.sites().get(i);
                String label = site.site().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
                java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
                if (!label.isEmpty()) {
                    names.add("app." + label + ".lab");
                    names.add("other." + label + ".lab");
                }
                for (io.wanlab.core.lab.Application app : lab.applications()) {
                    for (io.wanlab.core.lab.DomainPattern d : app.domains()) {
                        names.add(d.toString());
                    }
                }
                List<String> valid = new ArrayList<>();
                for (String n : names) {
                    if (valid.size() < io.wanlab.server.ca.SubjectNames.MAX_NAMES && certificateName(n)) {
                        valid.add(n);
                    }
                }
                out.add(new Stub(site.host(), List.of(443), valid));
            }
            return List.copyOf(out);
        }

        /** Whether a stub's certificate can carry the name (lower-case DNS labels, optional leading wildcard). */
        public static boolean certificateName(String name) {
            try {
                io.wanlab.server.ca.SubjectNames.of(List.of(name));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /**
     * @param shared  files a later reload names besides the spec's (verify's fixed lab file): containers mount their folders
     * @param tuning  flow capacity and leak detection of the node processes ({@link NodeTuning#NONE}: their defaults)
     * @param offload the device nodes open their TUNs with offloads (super-packets); false: {@code --no-offload}
     */
    public record Options(LabSpec spec, Path runDir, boolean capture, Duration readyTimeout, LinkTransport linkTransport,
            List<Stub> stubs, List<Path> shared, NodeTuning tuning, boolean offload) {
        public Options {
            requireNonNull(spec, "spec");
            requireNonNull(runDir, "runDir");
            requireNonNull(readyTimeout, "readyTimeout");
            requireNonNull(linkTransport, "linkTransport");
            requireNonNull(tuning, "tuning");
            stubs = List.copyOf(stubs);
            shared = List.copyOf(shared);
        }

        /** The nodes' default tuning, TUN offloads on. */
        public Options(LabSpec spec, Path runDir, boolean capture, Duration readyTimeout, LinkTransport linkTransport,
                List<Stub> stubs, List<Path> shared) {
            this(spec, runDir, capture, readyTimeout, linkTransport, stubs, shared, NodeTuning.NONE, true);
        }

        public Options withTuning(NodeTuning newTuning) {
            return new Options(spec, runDir, capture, readyTimeout, linkTransport, stubs, shared, newTuning, offload);
        }

        /** The same options with TUN offloads on or off ({@code --no-offload}). */
        public Options withOffload(boolean on) {
            return new Options(spec, runDir, capture, readyTimeout, linkTransport, stubs, shared, tuning, on);
        }

        /** Nothing shared beyond the spec's own lab file. */
        public Options(LabSpec spec, Path runDir, boolean capture, Duration readyTimeout, LinkTransport linkTransport,
                List<Stub> stubs) {
            this(spec, runDir, capture, readyTimeout, linkTransport, stubs, List.of());
        }

        /** The seed's server stub. */
        public Options(LabSpec spec, Path runDir, boolean capture, Duration readyTimeout, LinkTransport linkTransport) {
            this(spec, runDir, capture, readyTimeout, linkTransport, List.of(Stub.SEED));
        }

        /** Links over TCP, the default. */
        public Options(LabSpec spec, Path runDir, boolean capture, Duration readyTimeout) {
            this(spec, runDir, capture, readyTimeout, LinkTransport.TCP);
        }
    }

    /** What is running once {@link #up} returns. */
    public record RunningLab(LabFile lab, LabTopology topology, Path runDir, Map<String, Process> processes) {
        /** The lab's name ({@code --name}), which its namespaces and status sockets carry. */
        public String name() {
            return topology.instance();
        }
    }

    public RunningLab up(Options options) throws IOException, InterruptedException {
        List<String> problems = kind == BackendKind.NAMESPACES ? Preflight.check() : List.of();
        if (!problems.isEmpty()) {
            throw new LabSetupException("cannot start the lab:\n  " + String.join("\n  ", problems));
        }
        LabFile file = options.spec().load();
        LabTopology topology = TopologyPlanner.plan(lab, file);
        List<String> existing = backend.list();
        if (!existing.isEmpty()) {
            throw new LabSetupException("lab '" + lab + "' is already up (" + String.join(", ", existing) + "): run '"
                    + LabRuns.command(lab, "down") + "' first, or give this one another --name");
        }
        Files.createDirectories(LabNames.RUN_ROOT);
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw new LabSetupException("lab '" + lab + "' is already up, or is starting, or was not cleaned up (" + folder
                    + " exists): run '" + LabRuns.command(lab, "down") + "' first, or give this one another --name");
        }
        Map<String, Process> processes = new LinkedHashMap<>();
        boolean ok = false;
        boolean created = false;
        try {
            Path run = options.runDir().toAbsolutePath();
            prepareRunFolder(run);
            LabState state = new LabState(run, Path.of(options.spec().rules()), Map.of(), Instant.now(), kind);
            state.write(stateFile);
            progress.println("wanlab up: creating " + backend.kind() + " and links (" + String.join(", ", topology.nodeNames()) + ")");
            // create() rolls back its own partial work; past it, the instances are ours to remove.
            created = true;
            backend.create(topology);
            backend.share(options.shared());
            List<Node> running = devicesFirst(topology, options.stubs());
            for (Node node : running) {
                Process p = backend.start(topology, node, nodeArgs(lab, node, topology, options, run), run.resolve(node.name() + ".log"))
                        .orElseThrow();
                processes.put(node.name(), p);
                if (kind == BackendKind.NAMESPACES) {
                    // Containers' processes go with their containers: only namespace nodes are stopped by pid.
                    state = state.withPid(node.name(), p.pid());
                    state.write(stateFile);
                }
            }
            for (Node node : topology.nodes()) {
                if (!running.contains(node)) {
                    backend.start(topology, node, List.of(), run.resolve(node.name() + ".log"));
                }
            }
            progress.println("wanlab up: started " + processes.size() + " node processes; waiting until each is ready");
            awaitReady(processes, run, options.readyTimeout());
            ok = true;
            return new RunningLab(file, topology, run, processes);
        } finally {
            if (!ok) {
                progress.println("wanlab up: failed; removing what this run created");
                for (Process p : processes.values()) {
                    p.destroyForcibly();
                }
                // Nodes killed before they could close remove nothing themselves: the cleaner
                // removes their status sockets with the lab's folder (and the namespaces, if made).
                for (Process p : processes.values()) {
                    p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
                LabBackend namespaces = created ? backend : new NothingCreated(lab);
                // Docker runs the JVMs: wait for none here, the containers go with the backend.
                new LabCleaner(namespaces, new LinuxProcessTable(), folder, NamespaceBackend.DEFAULT_GRACE).clean();
            }
        }
    }

    /** The backend before create() succeeded: create() rolled back its own work, so there is nothing to remove. */
    private record NothingCreated(String lab) implements LabBackend {
        @Override
        public String kind() {
            return "namespaces";
        }

        @Override
        public void create(LabTopology topology) {
            throw new UnsupportedOperationException("create");
        }

        @Override
        public List<String> list() {
            return List.of();
        }

        @Override
        public CleanupReport destroy() {
            return CleanupReport.NOTHING;
        }

        @Override
        public List<String> exec(String node, List<String> command) {
            throw new UnsupportedOperationException("exec");
        }
    }

    /**
     * The run folder's secrets, as {@code up} writes them and a Compose export needs them: the link
     * secret, the sites' CA (servers), the PoP's inspection CA, and the bundle clients trust.
     */
    public static void prepareRunFolder(Path run) throws IOException {
        Files.createDirectories(run);
        writeSecret(run.resolve("link.secret"));
        LabCa sites = LabCa.create(run.getFileName().toString());
        LabCaFiles.write(sites, run);
        LabCaFiles.writeInspection(LabCa.createInspection(run.getFileName().toString()), sites, run);
    }

    private static void writeSecret(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        LinkAuth.write(file, LinkAuth.newSecret());
    }

    /** Nodes that run a wanlab process: the devices, then the hosts with a server stub (other hosts run only what you exec there). */
    public static List<Node> runningNodes(LabTopology topology, List<Stub> stubs) {
        return devicesFirst(topology, stubs);
    }

    static List<Node> devicesFirst(LabTopology topology, List<Stub> stubs) {
        List<Node> out = new ArrayList<>();
        for (Node n : topology.nodes()) {
            if (n.role() == NodeRole.SOCKET || n.role() == NodeRole.POP) {
                out.add(n);
            }
        }
        for (Stub stub : stubs) {
            topology.findNode(stub.host()).filter(n -> n.role() == NodeRole.HOST).ifPresent(out::add);
        }
        return out;
    }

    static List<Node> devicesFirst(LabTopology topology) {
        return devicesFirst(topology, List.of(Stub.SEED));
    }

    /** {@code node socket|pop|server ...}: the wanlab arguments a node runs with, whatever the backend. */
    public static List<String> nodeArgs(String lab, Node node, LabTopology topology, Options options, Path run) {
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        switch (node.role()) {
            case SOCKET -> cmd.addAll(List.of("socket", "--name", node.name()));
            case POP -> cmd.add("pop");
            default -> cmd.addAll(stubArgs(node, topology, options.stubs()));
        }
        cmd.addAll(List.of("--lab", lab));
        cmd.addAll(options.tuning().args(node.role()));
        if (node.role() != NodeRole.HOST) {
            cmd.addAll(options.spec().args());
            if (!options.capture()) {
                cmd.add("--no-capture");
            }
            cmd.addAll(List.of("--link-transport", options.linkTransport().label()));
            if (!options.offload()) {
                cmd.add("--no-offload");
            }
        }
        cmd.addAll(List.of("--run-dir", run.toString()));
        return List.copyOf(cmd);
    }

    /** {@code server --node H --address A --port P... --server-name N...} for the stub on host node {@code node}. */
    static List<String> stubArgs(Node node, LabTopology topology, List<Stub> stubs) {
        Stub stub = stubs.stream().filter(s -> s.host().equals(node.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server stub planned on " + node.name()));
        List<String> args = new ArrayList<>(List.of("server", "--node", node.name(), "--address",
                topology.siteOf(node.name()).orElseThrow().hostAddress().ipText()));
        for (int port : stub.ports()) {
            args.addAll(List.of("--port", Integer.toString(port)));
        }
        for (String name : stub.names()) {
            args.addAll(List.of("--server-name", name));
        }
        return args;
    }

    /**
     * This JVM's java and class path, so nodes run exactly the code that started them, for a node
     * of {@code role}; a TLS provider this JVM was told to use ({@code -Dwanlab.tls.provider}, e.g.
     * by {@code bench handshakes --tls-provider}) goes with them, and so does a forced way of
     * reading the TUN ({@code -Dwanlab.tun.reader=thread|loop}, for measuring one against the other).
     * Every node runs the JVM's default tiered JIT (C2 included). The Sockets once ran C1 only
     * ({@code -XX:TieredStopAtLevel=1}), which measured better in 10 s throughput runs that
     * included C2's compile time; measured once warm (both benches now warm the lab up first,
     * side by side on 2 cores), C2 gave lab direct / kernel 0.615, 0.496, 0.580, 0.445 for
     * handshakes against C1's 0.397, 0.393, 0.421, 0.394, and the same throughput (0.404, 0.416
     * vs 0.423, 0.384).
     * Every node allows {@code sun.misc.Unsafe}'s memory access: Netty 4.2 turns its Unsafe
     * buffers off on Java 25 without it, and its direct buffers then have no memory address, so
     * each TUN read and write went through a NIO view and a MemorySegment (allocated per packet)
     * and every buffer access through a ByteBuffer.
     */
    /**
     * The system properties of this JVM that its nodes get too, when set: the TLS provider, the way of reading the TUN,
     * the device nodes' scheduling policy.
     */
    private static final List<String> PASSED_ON = List.of(io.wanlab.server.ca.TlsProvider.PROPERTY,
            io.wanlab.core.node.TunIngress.MODE_PROPERTY, io.wanlab.core.node.Scheduling.PROPERTY);

    static List<String> javaCommand(NodeRole role) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC", "-Xms64m", "-Xmx512m"));
        for (String property : PASSED_ON) {
            String value = System.getProperty(property);
            if (value != null) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.wanlab.bench.Wanlab"));
        return List.copyOf(cmd);
    }

    private void awaitReady(Map<String, Process> processes, Path run, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>(processes.keySet());
        long pause = 20;
        while (!waiting.isEmpty()) {
            for (String node : List.copyOf(waiting)) {
                Process p = processes.get(node);
                if (!p.isAlive()) {
                    throw new LabSetupException("node " + node + " exited with " + p.exitValue() + " before it was ready; its log ("
                            + run.resolve(node + ".log") + ") ends with:\n" + tail(run.resolve(node + ".log"), 15));
                }
                if (isReady(lab, node)) {
                    waiting.remove(node);
                    progress.println("wanlab up: " + node + " ready");
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("not ready after " + timeout.toSeconds() + " s: " + waiting);
                for (String node : waiting) {
                    sb.append("\n--- ").append(node).append(": ").append(statusOrWhy(lab, node)).append("\n")
                            .append(tail(run.resolve(node + ".log"), 10));
                }
                throw new LabSetupException(sb.toString());
            }
            // Back off a little between polls: readiness is a status query, not a sleep for a guessed time.
            Thread.sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    static boolean isReady(String lab, String node) {
        Path socket = LabNames.statusSocket(lab, node);
        if (!Files.exists(socket)) {
            return false;
        }
        try {
            return StatusServer.ask(socket, "status").contains("\"ready\":true");
        } catch (IOException e) {
            return false;
        }
    }

    private static String statusOrWhy(String lab, String node) {
        try {
            return StatusServer.ask(LabNames.statusSocket(lab, node), "status");
        } catch (IOException e) {
            return "no status socket (" + e.getMessage() + ")";
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
