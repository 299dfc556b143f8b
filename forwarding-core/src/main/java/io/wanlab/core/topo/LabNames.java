package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Names of a lab's namespaces, status sockets and state, in one place. A lab has a name
 * ({@code --name}, default {@link #DEFAULT_LAB}); its namespaces are {@code <lab>-<node>}, so the
 * default lab keeps {@code wanlab-client}, {@code wanlab-pop}, ... Lab names have no dash, so the
 * first dash of a namespace splits it unambiguously and clean-up of one lab never reaches another.
 * Its status sockets are {@code /run/wanlab/<lab>/<node>.sock} and its state {@code /run/wanlab/<lab>/lab.json}.
 */
public final class LabNames {
    public static final String DEFAULT_LAB = "wanlab";
    public static final int MAX_LAB = 16;
    /** Longest namespace name the lab uses (the kernel allows more; short names keep tools readable). */
    public static final int MAX_NAMESPACE = 64;
    /** What is left of a namespace name for the node after the longest lab name and its dash. */
    public static final int MAX_NODE = MAX_NAMESPACE - MAX_LAB - 1;
    /** IFNAMSIZ - 1: the kernel's limit on interface names. */
    public static final int MAX_INTERFACE = 15;
    /** Where every lab keeps its folder of status sockets and its state file. */
    public static final Path RUN_ROOT = Path.of("/run/wanlab");
    public static final String STATE_FILE = "lab.json";
    public static final String SOCKET_SUFFIX = ".sock";

    public static final String POP = "pop";
    public static final String CLIENT = "client";
    public static final String SERVER = "server";
    public static final String HOST_DEVICE = "eth0";
    public static final String LAN_DEVICE = "lan0";
    public static final String SOCKET_TUN = "wl-lan";
    public static final String POP_TUN = "wl-pop";
    static final String LINK_DEVICE_PREFIX = "l-";

    private LabNames() {
    }

    /** Null when the name is a valid lab name, else a sentence saying why not. */
    public static String labNameProblem(String lab) {
        requireNonNull(lab, "lab");
        boolean ok = !lab.isEmpty() && lab.length() <= MAX_LAB && lab.charAt(0) >= 'a' && lab.charAt(0) <= 'z';
        for (int i = 0; ok && i < lab.length(); i++) {
            char c = lab.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }
        if (ok) {
            return null;
        }
        return "lab name: '" + lab + "' (expected: 1.." + MAX_LAB + " characters of a-z and 0-9, starting with a letter,"
                + " such as " + DEFAULT_LAB + " or lab2)";
    }

    /** The lab name itself; throws with {@link #labNameProblem} when it is not valid. */
    public static String requireLabName(String lab) {
        String problem = labNameProblem(lab);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return lab;
    }

    /** The namespace of a node of a lab: {@code <lab>-<node>}; throws naming the lab or node if either is not valid. */
    public static String namespace(String lab, String node) {
        requireLabName(lab);
        String problem = nodeNameProblem(node);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return lab + "-" + node;
    }

    /** True for a name this lab could have created: the lab's name, a dash, then a valid node name. */
    public static boolean isNamespaceOf(String lab, String namespace) {
        requireLabName(lab);
        return namespace != null && namespace.startsWith(lab + "-")
                && nodeNameProblem(namespace.substring(lab.length() + 1)) == null;
    }

    /** The node a namespace of this lab belongs to. */
    public static String nodeOf(String lab, String namespace) {
        if (!isNamespaceOf(lab, namespace)) {
            throw new IllegalArgumentException("namespace: '" + namespace + "' (expected: " + lab + "-<node>)");
        }
        return namespace.substring(lab.length() + 1);
    }

    /** The lab's folder of status sockets and state: {@code /run/wanlab/<lab>}. */
    public static Path runFolder(String lab) {
        return RUN_ROOT.resolve(requireLabName(lab));
    }

    /** A node's status socket: {@code /run/wanlab/<lab>/<node>.sock}. */
    public static Path statusSocket(String lab, String node) {
        return runFolder(lab).resolve(namespace(lab, node).substring(lab.length() + 1) + SOCKET_SUFFIX);
    }

    /** The lab's state file: {@code /run/wanlab/<lab>/lab.json}. */
    public static Path stateFile(String lab) {
        return runFolder(lab).resolve(STATE_FILE);
    }

    /** Null when the name is a valid node name, else a sentence saying why not. */
    public static String nodeNameProblem(String node) {
        requireNonNull(node, "node");
        boolean ok = !node.isEmpty() && node.length() <= MAX_NODE && Character.isLetterOrDigit(node.charAt(0));
        for (int i = 0; ok && i < node.length(); i++) {
            ok = isNameChar(node.charAt(i));
        }
        if (ok) {
            return null;
        }
        return "node name: '" + node + "' (expected: 1.." + MAX_NODE + " characters of a-z, A-Z, 0-9, '_', '-',"
                + " starting with a letter or digit, so that <lab>-<node> is a namespace name of at most "
                + MAX_NAMESPACE + ")";
    }

    /**
     * The underlay interface of a link on both of its nodes: {@code l-<link>} with anything but
     * letters, digits, '_' and '-' turned into '-', cut to 15 characters.
     */
    public static String linkDevice(String link) {
        requireNonNull(link, "link");
        StringBuilder name = new StringBuilder(LINK_DEVICE_PREFIX);
        for (int i = 0; i < link.length() && name.length() < MAX_INTERFACE; i++) {
            char c = link.charAt(i);
            name.append(isNameChar(c) ? c : '-');
        }
        return name.toString();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
