package io.wanlab.core.rules;

import io.wanlab.core.net.Ipv4;

/** Human words for why a compiled rule does not match; used only by explanations. */
final class Mismatch {
    private Mismatch() {
    }

    static String l34(CompiledRule r, int srcIp, int dstIp, int proto, int dstPort) {
        if (r.protocol >= 0 && r.protocol != proto) {
            return "protocol " + protocolName(proto) + " is not " + r.rule.service().protocol();
        }
        if (r.ports != null && proto != 6 && proto != 17) {
            return "protocol " + protocolName(proto) + " has no ports; the rule wants ports " + r.rule.service().ports();
        }
        if (!CompiledRule.inPorts(r.ports, dstPort)) {
            return "destination port " + dstPort + " not in " + r.rule.service().ports();
        }
        if (!CompiledRule.inRanges(r.src, srcIp)) {
            return "source " + Ipv4.format(srcIp) + " not in " + r.rule.source();
        }
        if (!CompiledRule.inRanges(r.dst, dstIp)) {
            return "destination " + Ipv4.format(dstIp) + " not in " + r.rule.destination();
        }
        return null;
    }

    static String payloadCriteria(CompiledRule r) {
        StringBuilder sb = new StringBuilder();
        if (!r.rule.applications().isEmpty()) {
            sb.append("applications ").append(r.rule.applications());
        }
        if (!r.rule.categories().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("categories ").append(r.rule.categories());
        }
        if (!r.rule.domains().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("domains ").append(r.rule.domains());
        }
        return sb.toString();
    }

    static String identity(String application, String category, String serverName) {
        if (application == null && category == null && serverName == null) {
            return "unidentified flow";
        }
        return "application " + (application == null ? "unknown" : application)
                + (category == null ? "" : " (" + category + ")")
                + (serverName == null ? "" : ", server name " + serverName);
    }

    static String protocolName(int proto) {
        return switch (proto) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> Integer.toString(proto);
        };
    }
}
