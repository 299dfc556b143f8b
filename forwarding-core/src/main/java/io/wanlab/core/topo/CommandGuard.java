package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last check before an ip command leaves the lab's code: it may only name namespaces of the
 * lab being built or removed ({@code <lab>-<node>}, never another lab's), and configure only
 * addresses in 198.18.0.0/15. Anything else throws.
 */
public final class CommandGuard {
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(/\\d{1,2})?");
    private static final Set<String> NETNS_VERBS_WITH_NAME = Set.of("add", "del", "delete", "pids", "exec");

    private CommandGuard() {
    }

    /** Both checks: namespaces of this lab only and lab addresses only. */
    public static List<String> check(String lab, List<String> argv) {
        requireLabNamespaces(lab, argv);
        requireLabAddresses(argv);
        return argv;
    }

    /**
     * Accepts {@code ip -n NS ...} (with any further {@code netns NS} naming lab namespaces too),
     * {@code ip netns add|del|pids NS}, {@code ip netns exec NS CMD...} and {@code ip netns list};
     * rejects other global options, such as {@code -all}, that could reach beyond the lab.
     */
    public static List<String> requireLabNamespaces(String lab, List<String> argv) {
        LabNames.requireLabName(requireNonNull(lab, "lab"));
        requireNonNull(argv, "argv");
        if (argv.isEmpty() || !"ip".equals(argv.getFirst())) {
            throw reject(argv, "expected: an ip command");
        }
        int i = 1;
        boolean inNamespace = false;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            if (!"-n".equals(argv.get(i))) {
                throw reject(argv, "option " + argv.get(i) + " (expected: only -n <lab namespace>)");
            }
            requireLabNamespace(lab, argv, i + 1);
            inNamespace = true;
            i += 2;
        }
        if (i >= argv.size()) {
            throw reject(argv, "expected: an ip object after the options");
        }
        if ("netns".equals(argv.get(i))) {
            if (inNamespace) {
                throw reject(argv, "expected: ip netns without -n");
            }
            String verb = i + 1 < argv.size() ? argv.get(i + 1) : "";
            if ("list".equals(verb) && argv.size() == i + 2) {
                return argv;
            }
            if (!NETNS_VERBS_WITH_NAME.contains(verb)) {
                throw reject(argv, "netns verb '" + verb + "' (expected: add, del, pids, exec or list)");
            }
            requireLabNamespace(lab, argv, i + 2);
            if ("exec".equals(verb) && argv.size() == i + 3) {
                throw reject(argv, "expected: a command after ip netns exec <namespace>");
            }
            if (!"exec".equals(verb) && argv.size() != i + 3) {
                throw reject(argv, "expected: nothing after ip netns " + verb + " <namespace>");
            }
            return argv;
        }
        if (!inNamespace) {
            throw reject(argv, "expected: ip -n <lab namespace>, so nothing runs in the host's own namespace");
        }
        for (int j = i; j < argv.size(); j++) {
            if ("netns".equals(argv.get(j))) {
                requireLabNamespace(lab, argv, j + 1);
            }
        }
        return argv;
    }

    /** Every token that looks like an IPv4 address or prefix must lie in 198.18.0.0/15. */
    public static List<String> requireLabAddresses(List<String> argv) {
        requireNonNull(argv, "argv");
        for (String token : argv) {
            if (!ADDRESS.matcher(token).matches()) {
                continue;
            }
            Ipv4Prefix p;
            try {
                p = Ipv4Prefix.parse(token);
            } catch (IllegalArgumentException e) {
                throw reject(argv, "address " + token + " is not valid (" + e.getMessage() + ")");
            }
            if (p.length() < LabAddresses.LAB_RANGE.length() || !LabAddresses.LAB_RANGE.contains(p.first())) {
                throw reject(argv, "address " + token + " (expected: inside " + LabAddresses.LAB_RANGE + ")");
            }
        }
        return argv;
    }

    private static void requireLabNamespace(String lab, List<String> argv, int index) {
        if (index >= argv.size()) {
            throw reject(argv, "expected: a namespace name");
        }
        String ns = argv.get(index);
        if (!LabNames.isNamespaceOf(lab, ns)) {
            throw reject(argv, "namespace '" + ns + "' (expected: a namespace of lab '" + lab + "', named " + lab + "-<node>)");
        }
    }

    private static IllegalArgumentException reject(List<String> argv, String why) {
        return new IllegalArgumentException("command refused: " + String.join(" ", argv) + ": " + why);
    }
}
