package io.wanlab.bench.node;

import io.wanlab.core.node.Reload;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Parses the words of a {@code reload} request on a node's control socket, the same words the
 * node's command line takes: {@code --rules X --tls-inspection on|off --direct Y --run-dir DIR}.
 */
public final class NodeReloads {
    private NodeReloads() {
    }

    static final class Words {
        @Option(names = "--rules")
        String rules;

        @Option(names = "--tls-inspection")
        String tlsInspection;

        @Option(names = "--direct")
        String direct;

        @Option(names = "--run-dir", required = true)
        Path runDir;
    }

    /** Reloads for {@code node}: its captures and events go to {@code <run-dir>/<node>}. */
    public static Reload.Parser forNode(String node) {
        return words -> {
            Words w = new Words();
            try {
                new CommandLine(w).parseArgs(words.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new IllegalArgumentException("reload " + String.join(" ", words) + ": " + e.getMessage());
            }
            return new Reload(new LabSpec(w.rules, w.tlsInspection, w.direct).load(), w.runDir.resolve(node));
        };
    }

    /** The request line for a reload (paths must not contain spaces: the line is split on white space). */
    public static String request(LabSpec spec, Path runDir) {
        String dir = runDir.toAbsolutePath().toString();
        if (dir.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("run folder: '" + dir + "' (expected: a path without spaces)");
        }
        List<String> words = new java.util.ArrayList<>(List.of("reload"));
        words.addAll(spec.args());
        words.add("--run-dir");
        words.add(dir);
        return String.join(" ", words);
    }
}
