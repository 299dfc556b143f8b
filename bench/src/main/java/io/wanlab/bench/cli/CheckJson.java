package io.wanlab.bench.cli;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lint.Finding;
import io.wanlab.core.lint.LintReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** {@code check --json}: the lint report as Jackson writes records, with the rule list {@code check} prints. */
final class CheckJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One rule as the rule list shows it. */
    record Rule(int position, String name, boolean enabled, boolean complex, String primary, String secondary) {}

    /** The whole document; {@code exitCode} is what the command returns. */
    record Report(String lab, String source, boolean tlsInspection, Set<Integer> proxiedPorts, List<Rule> rules,
            List<Finding> findings, List<String> notes, List<String> moved, int exitCode) {}

    private CheckJson() {
    }

    static String write(String source, LabFile lab, LintReport report, List<String> moved, int exitCode) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lab.rules().size(); i++) {
            NetworkRule r = lab.rules().get(i);
            rules.add(new Rule(i + 1, r.name(), r.enabled(), r.isComplex(), r.primary().label(), r.secondary().label()));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(new Report(lab.name(), source,
                report.tlsInspection(), report.proxiedPorts(), rules, report.findings(), report.notes(), moved, exitCode));
    }
}
