package io.wanlab.core.lint;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lab texts for the lint tests: two sites with both direct links, and the rules each case writes. */
final class LintLabs {
    static final String HEAD = """
            name: lint
            account: {tlsInspection: %s}
            sites:
              - {name: site-a, subnets: [%s], socket: socket-a}
              - {name: site-b, subnets: [%s], socket: socket-b}
            links:
              - {name: cato-a, kind: cato, endpoints: [socket-a, pop]}
              - {name: cato-b, kind: cato, endpoints: [socket-b, pop]}
              - {name: off-cloud, kind: off-cloud, endpoints: [socket-a, socket-b]}
              - {name: alt-wan, kind: alt-wan, endpoints: [socket-a, socket-b]}
            applications:
              - {name: crm, category: business, domains: [crm.site-b.lab, "*.crm.site-b.lab"]}
              - {name: intranet-web, category: web, domains: [app.site-b.lab]}
            rules:
            """;

    private LintLabs() {
    }

    static LabFile lab(String rules) {
        return lab(true, "198.18.1.0/24", "198.18.2.0/24", rules);
    }

    static LabFile lab(boolean tls, String subnetA, String subnetB, String rules) {
        String head = HEAD.formatted(tls, subnetA, subnetB);
        return new LabFileLoader().parse("lint.yaml", rules.isEmpty() ? head.replace("rules:\n", "rules: []\n") : head + rules);
    }

    /** The docs' three-site example, as docs/lab-file.md shows it. */
    static String docExample() {
        try {
            String doc = Files.readString(Path.of("..", "docs", "lab-file.md"));
            int at = doc.indexOf("```yaml", doc.indexOf("<!-- example: full -->")) + "```yaml\n".length();
            return doc.substring(at, doc.indexOf("```", at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
