package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.LabCommands;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab's nodes as Linux network namespaces named {@code <lab>-<node>}, built with ip(8). It
 * lists, enters and removes only its own lab's namespaces, never another lab's.
 */
public final class NamespaceBackend implements LabBackend {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    private final String lab;
    private final CommandExecutor executor;
    private final ProcessTable processes;
    private final ProcessStopper stopper;

    /** The lab of that name on this machine. */
    public NamespaceBackend(String lab) {
        this(lab, new ProcessCommandExecutor(), new LinuxProcessTable(), DEFAULT_GRACE);
    }

    /** {@code grace}: how long processes get between SIGTERM and SIGKILL when the lab is destroyed. */
    public NamespaceBackend(String lab, CommandExecutor executor, ProcessTable processes, Duration grace) {
        this.lab = LabNames.requireLabName(requireNonNull(lab, "lab"));
        this.executor = requireNonNull(executor, "executor");
        this.processes = requireNonNull(processes, "processes");
        this.stopper = new ProcessStopper(processes, grace);
    }

    @Override
    public String kind() {
        return "namespaces";
    }

    @Override
    public String lab() {
        return lab;
    }

    @Override
    public void create(LabTopology topology) {
        requireNonNull(topology, "topology");
        if (!topology.instance().equals(lab)) {
            throw new IllegalArgumentException("topology of lab '" + topology.instance() + "' (expected: lab '" + lab + "')");
        }
        List<String> existing = new ArrayList<>(list());
        existing.retainAll(topology.namespaces());
        if (!existing.isEmpty()) {
            throw new LabSetupException("lab namespaces exist already: " + String.join(", ", existing)
                    + " (lab '" + lab + "' is up, or an earlier one was not cleaned): run '" + LabRuns.command(lab, "down") + "' first");
        }
        try {
            executor.runAll(LabCommands.setup(topology));
        } catch (LabSetupException e) {
            rollBack(topology, e);
            throw e;
        }
    }

    private void rollBack(LabTopology topology, LabSetupException cause) {
        List<String> present = list();
        for (String ns : topology.namespaces().reversed()) {
            if (!present.contains(ns)) {
                continue;
            }
            try {
                executor.attempt(LabCommands.deleteNamespace(lab, ns));
            } catch (LabSetupException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public List<String> list() {
        CommandResult r = executor.run(LabCommands.listNamespaces());
        List<String> out = new ArrayList<>();
        for (String line : r.lines()) {
            // Lines look like "wanlab-pop (id: 3)" or just "wanlab-pop".
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            if (LabNames.isNamespaceOf(lab, name)) {
                out.add(name);
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    @Override
    public CleanupReport destroy() {
        List<String> namespaces = list();
        List<String> notes = new ArrayList<>();
        Map<Long, String> targets = new LinkedHashMap<>();
        for (String ns : namespaces) {
            CommandResult r = executor.attempt(LabCommands.namespacePids(lab, ns));
            if (!r.ok()) {
                notes.add("could not list the processes in " + ns + ": " + r.stderr().strip());
                continue;
            }
            for (String line : r.lines()) {
                try {
                    targets.putIfAbsent(Long.parseLong(line), "in " + ns);
                } catch (NumberFormatException e) {
                    notes.add("ignored unexpected line from ip netns pids " + ns + ": '" + line + "'");
                }
            }
        }
        if (targets.remove(processes.self()) != null) {
            notes.add("this process (pid " + processes.self() + ") runs inside a lab namespace and was not stopped");
        }
        List<String> stopped = new ArrayList<>();
        for (ProcessStopper.Outcome o : stopper.stop(targets)) {
            (o.survived() ? notes : stopped).add(o.describe());
        }
        List<String> removed = new ArrayList<>();
        for (String ns : namespaces) {
            CommandResult r = executor.attempt(LabCommands.deleteNamespace(lab, ns));
            if (r.ok()) {
                removed.add("namespace " + ns);
            } else {
                notes.add("could not delete namespace " + ns + " (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
        }
        return new CleanupReport(removed, stopped, false, notes);
    }

    @Override
    public List<String> exec(String node, List<String> command) {
        return LabCommands.exec(lab, node, command);
    }

    /** {@code setsid ip netns exec <lab>-<node> java ... wanlab ARGS}: this JVM's own java and class path, in the node's namespace. */
    @Override
    public Optional<Process> start(LabTopology topology, Node node, List<String> wanlabArgs, Path log) throws IOException {
        if (wanlabArgs.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of("setsid", "ip", "netns", "exec", node.namespace()));
        cmd.addAll(LabLauncher.javaCommand(node.role()));
        cmd.addAll(wanlabArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return Optional.of(pb.start());
    }
}
