package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

/**
 * Names of the lab's namespaces and devices. Every namespace the lab creates or removes is
 * {@link #PREFIX} followed by a node name, so that clean-up can tell the lab's own from anyone else's.
 */
public final class LabNames {
    public static final String PREFIX = "wanlab-";
    /** Longest namespace name the lab uses (the kernel allows more; short names keep tools readable). */
    public static final int MAX_NAMESPACE = 64;
    public static final int MAX_NODE = MAX_NAMESPACE - PREFIX.length();
    /** IFNAMSIZ - 1: the kernel's limit on interface names. */
    public static final int MAX_INTERFACE = 15;

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

    /** The namespace of a node: {@code wanlab-<node>}; throws naming the node if it is not a valid node name. */
    public static String namespace(String node) {
        String problem = nodeNameProblem(node);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return PREFIX + node;
    }

    /** True for a name the lab could have created: the prefix, then a valid node name. */
    public static boolean isLabNamespace(String name) {
        return name != null && name.startsWith(PREFIX) && nodeNameProblem(name.substring(PREFIX.length())) == null;
    }

    /** The node a lab namespace belongs to. */
    public static String nodeOf(String namespace) {
        if (!isLabNamespace(namespace)) {
            throw new IllegalArgumentException("namespace: '" + namespace + "' (expected: " + PREFIX + "<node>)");
        }
        return namespace.substring(PREFIX.length());
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
                + " starting with a letter or digit, so that " + PREFIX + "<node> is a namespace name of at most "
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
