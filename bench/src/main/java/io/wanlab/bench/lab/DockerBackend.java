package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.ContainerNetwork;
import io.wanlab.core.topo.ContainerPlanner;
import io.wanlab.core.topo.DockerCommands;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One lab's nodes as Docker containers {@code <lab>-<node>} of the {@code wanlab:latest} image,
 * its LANs and links as bridge networks {@code <lab>-<net>} with the lab's subnets (DESIGN 8),
 * all labelled {@code io.wanlab.lab=<lab>} (and with the labels of {@code WANLAB_EXTRA_LABEL}, see
 * {@link DockerCommands#extraLabels}). Driven through the docker CLI with argument lists
 * from {@link DockerCommands}, which refuses any name that is not this lab's. The lab's folder
 * ({@code /run/wanlab/<lab>}, status sockets) and every absolute path a node is given (run
 * folder, lab file's folder) are bind-mounted at the same path, so status, reloads and evidence
 * work as with namespaces.
 */
public final class DockerBackend implements LabBackend {
    private final String lab;
    private final String image;
    private final CommandExecutor executor;
    private final List<String> extraLabels;
    /** Folders mounted so far: a host that runs nothing of its own (started last) gets all of them, so curl finds the CA. */
    private final Set<DockerCommands.Mount> mounted = new LinkedHashSet<>();

    /** The default image; extra labels from the environment ({@code WANLAB_EXTRA_LABEL}). */
    public DockerBackend(String lab) {
        this(lab, DockerCommands.DEFAULT_IMAGE, new ProcessCommandExecutor(java.time.Duration.ofSeconds(60)),
                DockerCommands.extraLabels(System.getenv(DockerCommands.EXTRA_LABEL_ENV)));
    }

    public DockerBackend(String lab, String image, CommandExecutor executor) {
        this(lab, image, executor, List.of());
    }

    /** {@code extraLabels}: {@code key=value} labels every container and network gets beyond the lab's own. */
    public DockerBackend(String lab, String image, CommandExecutor executor, List<String> extraLabels) {
        this.lab = LabNames.requireLabName(requireNonNull(lab, "lab"));
        this.image = requireNonNull(image, "image");
        this.executor = requireNonNull(executor, "executor");
        this.extraLabels = List.copyOf(extraLabels);
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public String lab() {
        return lab;
    }

    /** Null when docker answers and the image is there; else what is missing and how to get it. */
    public String problem() {
        CommandResult v;
        try {
            v = executor.attempt(List.of("docker", "version", "--format", "{{.Server.Version}}"));
        } catch (LabSetupException e) {
            return "the docker CLI is not on the PATH (" + e.getMessage() + "): install docker.io and start dockerd";
        }
        if (!v.ok()) {
            return "docker does not answer: " + v.stderr().strip() + " (start dockerd: dockerd --iptables=false --ip-masq=false --ip-forward=false &)";
        }
        CommandResult i = executor.attempt(List.of("docker", "image", "inspect", "--format", "{{.Id}}", image));
        if (!i.ok()) {
            return "image " + image + " is missing: build it with './wanlab image'";
        }
        return null;
    }

    @Override
    public void create(LabTopology topology) {
        requireNonNull(topology, "topology");
        if (!topology.instance().equals(lab)) {
            throw new IllegalArgumentException("topology of lab '" + topology.instance() + "' (expected: lab '" + lab + "')");
        }
        String problem = problem();
        if (problem != null) {
            throw new LabSetupException("cannot start lab '" + lab + "' in containers: " + problem);
        }
        List<String> existing = list();
        if (!existing.isEmpty()) {
            throw new LabSetupException("lab containers or networks exist already: " + String.join(", ", existing)
                    + ": run '" + LabRuns.command(lab, "down") + "' first");
        }
        try {
            for (ContainerNetwork net : ContainerPlanner.networks(topology)) {
                CommandResult r = executor.attempt(DockerCommands.createNetwork(lab, net, extraLabels));
                if (!r.ok()) {
                    String why = r.stderr().contains("overlaps") ? " (another lab in containers uses the same subnet: Docker"
                            + " refuses overlapping networks, so only one lab of these addresses runs in containers at a time)" : "";
                    throw new LabSetupException("could not create network " + net.name() + " " + net.subnet() + ": "
                            + r.stderr().strip() + why);
                }
            }
        } catch (LabSetupException e) {
            destroy();
            throw e;
        }
    }

    @Override
    public Optional<Process> start(LabTopology topology, Node node, List<String> wanlabArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (!wanlabArgs.isEmpty()) {
            command.add("wanlab");
            command.addAll(wanlabArgs);
        }
        mounts(wanlabArgs).forEach(this::mount);
        executor.run(DockerCommands.createContainer(topology, node.name(), image, List.copyOf(mounted), command, extraLabels));
        executor.runAll(DockerCommands.connect(topology, node.name()));
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(DockerCommands.startAttached(lab, node.name()));
        return Optional.of(new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
    }

    /** Each file's folder, read-only, in every container started from now on. */
    @Override
    public void share(List<Path> files) {
        for (Path f : files) {
            Path p = f.toAbsolutePath().normalize();
            if (p.getParent() != null) {
                mount(new DockerCommands.Mount(p.getParent(), true));
            }
        }
    }

    /** Docker refuses two mounts at one path: the first one of a path stays (the run folder, read-write, comes first). */
    private void mount(DockerCommands.Mount m) {
        if (mounted.stream().noneMatch(x -> x.path().equals(m.path()))) {
            mounted.add(m);
        }
    }

    /** The lab's folder, plus every absolute path among the arguments (a folder, or a file's folder, read-only). */
    List<DockerCommands.Mount> mounts(List<String> args) {
        Set<DockerCommands.Mount> out = new LinkedHashSet<>();
        out.add(new DockerCommands.Mount(LabNames.runFolder(lab), false));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("/")) {
                continue;
            }
            Path p = Path.of(a).normalize();
            boolean runDir = i > 0 && args.get(i - 1).equals("--run-dir");
            if (runDir || Files.isDirectory(p)) {
                out.add(new DockerCommands.Mount(p, false));
            } else if (p.getParent() != null) {
                out.add(new DockerCommands.Mount(p.getParent(), true));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> list() {
        List<String> out = new ArrayList<>(names(DockerCommands.listContainers(lab)));
        out.addAll(names(DockerCommands.listNetworks(lab)));
        out.sort(null);
        return List.copyOf(out);
    }

    private List<String> names(List<String> argv) {
        CommandResult r;
        try {
            r = executor.attempt(argv);
        } catch (LabSetupException e) {
            return List.of(); // no docker CLI: no container of this lab can exist
        }
        if (!r.ok()) {
            return List.of();
        }
        return r.lines().stream().filter(n -> LabNames.isNamespaceOf(lab, n)).toList();
    }

    @Override
    public CleanupReport destroy() {
        List<String> removed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> containers = names(DockerCommands.listContainers(lab));
        if (!containers.isEmpty()) {
            CommandResult r = executor.attempt(DockerCommands.removeContainers(lab, containers));
            if (r.ok()) {
                containers.forEach(c -> removed.add("container " + c));
            } else {
                notes.add("could not remove containers " + containers + ": " + r.stderr().strip());
            }
        }
        List<String> networks = names(DockerCommands.listNetworks(lab));
        if (!networks.isEmpty()) {
            CommandResult r = executor.attempt(DockerCommands.removeNetworks(lab, networks));
            if (r.ok()) {
                networks.forEach(n -> removed.add("network " + n));
            } else {
                notes.add("could not remove networks " + networks + ": " + r.stderr().strip());
            }
        }
        return new CleanupReport(removed, List.of(), false, notes);
    }

    @Override
    public List<String> exec(String node, List<String> command) {
        return DockerCommands.exec(lab, node, command, true);
    }
}
