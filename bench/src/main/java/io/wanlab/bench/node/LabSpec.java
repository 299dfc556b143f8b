package io.wanlab.bench.node;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import io.wanlab.core.lab.LabPresets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which lab to run, as the command line says it: a preset or a file, TLS inspection, and for
 * presets the direct transport. The orchestrator and every node resolve the same words to the
 * same lab, so nodes need no lab file copied to them.
 */
public record LabSpec(String rules, String tlsInspection, String direct) {
    public static final String DEFAULT_RULES = "bug";

    public LabSpec {
        rules = rules == null ? DEFAULT_RULES : rules;
        if (tlsInspection != null && !tlsInspection.equals("on") && !tlsInspection.equals("off")) {
            throw new IllegalArgumentException("--tls-inspection: '" + tlsInspection + "' (expected: on or off)");
        }
        if (direct != null && !direct.equals("off-cloud") && !direct.equals("alt-wan")) {
            throw new IllegalArgumentException("--direct: '" + direct + "' (expected: off-cloud or alt-wan)");
        }
    }

    public boolean isFile() {
        return Files.exists(Path.of(rules)) || rules.endsWith(".yaml") || rules.endsWith(".yml") || rules.contains("/");
    }

    /** Loads it; a broken file throws LabFileException with every problem, a bad name IllegalArgumentException. */
    public LabFile load() {
        LabFile lab;
        if (isFile()) {
            if (direct != null) {
                throw new IllegalArgumentException("--direct " + direct + " applies to the presets (bug, fixed); "
                        + rules + " is a lab file: say the transport in its rules");
            }
            lab = new LabFileLoader().load(Path.of(rules));
        } else {
            String preset = rules.toLowerCase(Locale.ROOT);
            if ("alt-wan".equals(direct) && !preset.endsWith("-alt-wan")) {
                preset = preset + "-alt-wan";
            }
            lab = LabPresets.load(preset);
        }
        if (tlsInspection != null) {
            lab = lab.withAccount(new Account(tlsInspection.equals("on")));
        }
        return lab;
    }

    /** The same spec as command-line words, for a node process. */
    public java.util.List<String> args() {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("--rules", isFile() ? Path.of(rules).toAbsolutePath().toString() : rules));
        if (tlsInspection != null) {
            a.add("--tls-inspection");
            a.add(tlsInspection);
        }
        if (direct != null) {
            a.add("--direct");
            a.add(direct);
        }
        return a;
    }
}
