package io.wanlab.core.lab;

import static org.assertj.core.api.Assertions.assertThat;

/** A valid lab file to break one edit at a time, and a way to say where a problem should be. */
final class LabFileFixtures {
    static final String BASE = """
            name: test-lab
            account:
              tlsInspection: true
            sites:
              - name: site-a
                subnets: [198.18.1.0/24]
                socket: socket-a
              - name: site-b
                subnets: [198.18.2.0/24]
                socket: socket-b
            links:
              - {name: cato-a, kind: cato, endpoints: [socket-a, pop]}
              - {name: cato-b, kind: cato, endpoints: [socket-b, pop]}
              - {name: direct, kind: off-cloud, endpoints: [socket-a, socket-b]}
              - {name: mpls, kind: alt-wan, endpoints: [socket-a, socket-b]}
            applications:
              - name: crm
                category: business
                domains: [crm.site-b.lab, "*.crm.site-b.lab"]
            rules:
              - name: CRM over Cato
                source: any
                destination: [{site: site-b}]
                service: {protocol: tcp, ports: [443, 8000-8080]}
                applications: [crm]
                primary: cato
              - name: Site A to Site B over Off-Cloud
                source: [{site: site-a}]
                destination: [{subnet: 198.18.2.0/24}, {host: 198.18.2.10}, {range: 198.18.2.20-198.18.2.29}]
                primary: off-cloud
                secondary: cato
            """;

    /** Marks the exact spot inside a marker text: {@code "subnets: [»198.18.1.0/33"}. */
    static final char SPOT = '»';

    private LabFileFixtures() {
    }

    /** Applies old/new text pairs; each old text must occur exactly once, so edits cannot miss. */
    static String edit(String yaml, String... pairs) {
        String result = yaml;
        for (int i = 0; i < pairs.length; i += 2) {
            int at = result.indexOf(pairs[i]);
            assertThat(at).as("edit target %s", pairs[i]).isNotNegative();
            assertThat(result.indexOf(pairs[i], at + 1)).as("edit target %s occurs once", pairs[i]).isNegative();
            result = result.substring(0, at) + pairs[i + 1] + result.substring(at + pairs[i].length());
        }
        return result;
    }

    /** Line and column (from 1) of the spot in a marker that occurs exactly once in the text. */
    static Location locate(String source, String yaml, String marker) {
        int spot = marker.indexOf(SPOT);
        String plain = spot < 0 ? marker : marker.substring(0, spot) + marker.substring(spot + 1);
        int at = yaml.indexOf(plain);
        assertThat(at).as("marker %s", marker).isNotNegative();
        assertThat(yaml.indexOf(plain, at + 1)).as("marker %s occurs once", marker).isNegative();
        int index = at + Math.max(spot, 0);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (yaml.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(source, line, index - lineStart + 1);
    }
}
