package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure functions from a topology to docker(1) argument lists, the container twin of
 * {@link LabCommands}. Containers and networks are named {@code <lab>-<node>} and
 * {@code <lab>-<net>} and labelled {@code io.wanlab.lab=<lab>}; every list passes
 * {@link #check}: only this lab's names and label.
 */
public final class DockerCommands {
    public static final String LAB_LABEL = "io.wanlab.lab";
    public static final String NODE_LABEL = "io.wanlab.node";
    public static final String DEFAULT_IMAGE = "wanlab:latest";
    /**
     * Environment variable with more labels for everything a lab creates, {@code key=value[,key=value]}:
     * the tests set {@code io.wanlab.test=1}, which {@code ./wanlab test} removes by.
     */
    public static final String EXTRA_LABEL_ENV = "WANLAB_EXTRA_LABEL";
    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9.-]*=[A-Za-z0-9._-]*");

    private DockerCommands() {
    }

    /** A host folder mounted at the same path in every container of the lab. */
    public record Mount(Path path, boolean readOnly) {
        public Mount {
            requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("mount: '" + path + "' (expected: an absolute path)");
            }
        }

        public String volume() {
            return path + ":" + path + (readOnly ? ":ro" : "");
        }
    }

    /**
     * The labels of {@link #EXTRA_LABEL_ENV}'s value ({@code null} or blank: none), each {@code key=value};
     * throws naming the bad one. The lab's own labels cannot be set this way.
     */
    public static List<String> extraLabels(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String l : value.split(",")) {
            String label = l.strip();
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(EXTRA_LABEL_ENV + ": '" + label
                        + "' (expected: key=value, key of a-z 0-9 . -, value of A-Z a-z 0-9 . _ -, several separated by commas)");
            }
            String key = label.substring(0, label.indexOf('='));
            if (key.equals(LAB_LABEL) || key.equals(NODE_LABEL)) {
                throw new IllegalArgumentException(EXTRA_LABEL_ENV + ": '" + label + "' (expected: a label other than "
                        + LAB_LABEL + " and " + NODE_LABEL + ", which the lab sets itself)");
            }
            out.add(label);
        }
        return List.copyOf(out);
    }

    public static List<String> createNetwork(String lab, ContainerNetwork net) {
        return createNetwork(lab, net, List.of());
    }

    /** {@code extraLabels}: {@code key=value} labels beyond the lab's own (see {@link #extraLabels}). */
    public static List<String> createNetwork(String lab, ContainerNetwork net, List<String> extraLabels) {
        List<String> argv = new ArrayList<>(List.of("docker", "network", "create", "--driver", "bridge", "--subnet",
                net.subnet().toString(), "--gateway", net.gatewayText(), "--label", LAB_LABEL + "=" + lab));
        for (String l : extraLabels) {
            argv.addAll(List.of("--label", l));
        }
        argv.add(net.name());
        return check(lab, argv);
    }

    /**
     * {@code docker create} for a node, on its first network with the lab's address there; the
     * other networks are joined with {@link #connect} before it starts.
     */
    public static List<String> createContainer(LabTopology topology, String node, String image, List<Mount> mounts,
            List<String> nodeCommand) {
        return createContainer(topology, node, image, mounts, nodeCommand, List.of());
    }

    /** As above, with {@code key=value} labels beyond the lab's own (see {@link #extraLabels}). */
    public static List<String> createContainer(LabTopology topology, String node, String image, List<Mount> mounts,
            List<String> nodeCommand, List<String> extraLabels) {
        String lab = topology.instance();
        List<ContainerNetwork> nets = ContainerPlanner.networksOf(topology, node);
        List<String> argv = new ArrayList<>(List.of("docker", "create", "--name", LabNames.namespace(lab, node), "--hostname", node,
                "--label", LAB_LABEL + "=" + lab, "--label", NODE_LABEL + "=" + node,
                "--cap-add", "NET_ADMIN", "--device", "/dev/net/tun"));
        for (String l : extraLabels) {
            argv.addAll(List.of("--label", l));
        }
        for (Sysctl s : ContainerPlanner.sysctls(topology, node)) {
            argv.addAll(List.of("--sysctl", s.toString()));
        }
        if (!nets.isEmpty()) {
            argv.addAll(List.of("--network", nets.getFirst().name(), "--ip", nets.getFirst().memberOf(node).orElseThrow().address().ipText()));
        } else {
            argv.addAll(List.of("--network", "none"));
        }
        for (Mount m : mounts) {
            argv.addAll(List.of("-v", m.volume()));
        }
        // The image's own entrypoint (wanlab) is replaced: the container first makes its interfaces the lab's.
        List<String> command = ContainerPlanner.command(topology, node, nodeCommand);
        argv.addAll(List.of("--entrypoint", command.getFirst()));
        argv.add(requireNonNull(image, "image"));
        argv.addAll(command.subList(1, command.size()));
        return check(lab, argv);
    }

    /** {@code docker network connect} for every network of the node but its first. */
    public static List<List<String>> connect(LabTopology topology, String node) {
        String lab = topology.instance();
        List<ContainerNetwork> nets = ContainerPlanner.networksOf(topology, node);
        List<List<String>> out = new ArrayList<>();
        for (ContainerNetwork net : nets.subList(Math.min(1, nets.size()), nets.size())) {
            out.add(check(lab, List.of("docker", "network", "connect", "--ip", net.memberOf(node).orElseThrow().address().ipText(),
                    net.name(), LabNames.namespace(lab, node))));
        }
        return List.copyOf(out);
    }

    /** {@code docker start -a}: runs the container attached, so the process lives as long as the node. */
    public static List<String> startAttached(String lab, String node) {
        return check(lab, List.of("docker", "start", "-a", LabNames.namespace(lab, node)));
    }

    public static List<String> listContainers(String lab) {
        return check(lab, List.of("docker", "ps", "-a", "--filter", "label=" + LAB_LABEL + "=" + lab, "--format", "{{.Names}}"));
    }

    public static List<String> listNetworks(String lab) {
        return check(lab, List.of("docker", "network", "ls", "--filter", "label=" + LAB_LABEL + "=" + lab, "--format", "{{.Name}}"));
    }

    public static List<String> removeContainers(String lab, List<String> names) {
        List<String> argv = new ArrayList<>(List.of("docker", "rm", "-f"));
        argv.addAll(names);
        return check(lab, argv);
    }

    public static List<String> removeNetworks(String lab, List<String> names) {
        List<String> argv = new ArrayList<>(List.of("docker", "network", "rm"));
        argv.addAll(names);
        return check(lab, argv);
    }

    /** {@code docker exec [-i] <lab>-<node> CMD...}; the command itself is not checked. */
    public static List<String> exec(String lab, String node, List<String> command, boolean interactive) {
        requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: empty (expected: a program and its arguments)");
        }
        List<String> argv = new ArrayList<>(List.of("docker", "exec"));
        if (interactive) {
            argv.add("-i");
        }
        argv.add(LabNames.namespace(lab, node));
        int checked = argv.size();
        argv.addAll(command);
        check(lab, argv.subList(0, checked));
        return List.copyOf(argv);
    }

    /**
     * Accepts only the verbs above, with every container or network name {@code <lab>-*} of this
     * lab and every label filter this lab's; throws naming the argument otherwise.
     */
    public static List<String> check(String lab, List<String> argv) {
        LabNames.requireLabName(requireNonNull(lab, "lab"));
        requireNonNull(argv, "argv");
        if (argv.size() < 2 || !"docker".equals(argv.getFirst())) {
            throw reject(argv, "expected: a docker command");
        }
        String verb = argv.get(1).equals("network") && argv.size() > 2 ? "network " + argv.get(2) : argv.get(1);
        int from = verb.startsWith("network ") ? 3 : 2;
        switch (verb) {
            case "create" -> {
                requireOption(lab, argv, "--name");
                requireOption(lab, argv, "--network", "none");
                requireLabel(lab, argv);
            }
            case "network create" -> {
                requireLabel(lab, argv);
                requireName(lab, argv, argv.getLast());
            }
            case "network connect" -> {
                requireName(lab, argv, argv.get(argv.size() - 2));
                requireName(lab, argv, argv.getLast());
            }
            case "ps", "network ls" -> {
                if (!argv.contains("label=" + LAB_LABEL + "=" + lab)) {
                    throw reject(argv, "a listing must filter on label " + LAB_LABEL + "=" + lab);
                }
            }
            case "start", "rm", "network rm", "exec" -> {
                List<String> names = argv.subList(from, argv.size()).stream().filter(a -> !a.startsWith("-")).toList();
                if (names.isEmpty()) {
                    throw reject(argv, "expected: at least one name of lab '" + lab + "'");
                }
                for (String n : names) {
                    requireName(lab, argv, n);
                }
            }
            default -> throw reject(argv, "docker " + verb + " (expected: create, start, exec, rm, ps, network create|connect|ls|rm)");
        }
        return argv;
    }

    private static void requireOption(String lab, List<String> argv, String option, String... alsoAllowed) {
        for (int i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals(option)) {
                String v = argv.get(i + 1);
                if (!List.of(alsoAllowed).contains(v)) {
                    requireName(lab, argv, v);
                }
            }
        }
    }

    private static void requireLabel(String lab, List<String> argv) {
        if (!argv.contains(LAB_LABEL + "=" + lab)) {
            throw reject(argv, "missing label " + LAB_LABEL + "=" + lab);
        }
    }

    private static void requireName(String lab, List<String> argv, String name) {
        if (!LabNames.isNamespaceOf(lab, name)) {
            throw reject(argv, "'" + name + "' is not a name of lab '" + lab + "' (expected: " + lab + "-<name>)");
        }
    }

    private static IllegalArgumentException reject(List<String> argv, String why) {
        return new IllegalArgumentException("refused docker command (" + why + "): " + String.join(" ", argv));
    }
}
