package io.wanlab.socket;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Transport;

/**
 * The per-packet comments written into captures: which flow, which rule and which transport.
 * The last comment is reused while those stay the same, so a bulk transfer builds one string
 * per flow rather than one per packet. Owned by the Socket's event loop.
 */
final class CaptureComments {
    /** Marks flows the peer site started: their rule was applied by the other Socket. */
    private static final int REMOTE = -100;

    private final String[] ruleNames;
    private long lastFlow = Long.MIN_VALUE;
    private int lastRule = Integer.MIN_VALUE;
    private Transport lastTransport;
    private int lastKind = -1;
    private String last;

    CaptureComments(LabFile lab) {
        ruleNames = new String[lab.rules().size()];
        for (int i = 0; i < ruleNames.length; i++) {
            NetworkRule r = lab.rules().get(i);
            ruleNames[i] = "rule #" + (i + 1) + " '" + r.name() + "'";
        }
    }

    /** A LAN packet and where it went. */
    String lan(FlowSteering s, int link) {
        return link == FlowSteering.DROP ? "dropped" + flowPart(s) : comment(0, s, "-> ");
    }

    /** A packet leaving on a link. */
    String out(FlowSteering s) {
        return comment(1, s, "out ");
    }

    /** A packet that came in over a link. */
    String in(FlowSteering s, int verdict) {
        return verdict == FlowSteering.DROP ? "dropped" + flowPart(s) : comment(2, s, "in ");
    }

    private String comment(int kind, FlowSteering s, String prefix) {
        long flow = s.lastFlowId();
        int rule = s.lastRemote() ? REMOTE : s.lastRuleIndex();
        Transport t = s.lastTransport();
        if (flow == lastFlow && rule == lastRule && t == lastTransport && kind == lastKind) {
            return last;
        }
        lastFlow = flow;
        lastRule = rule;
        lastTransport = t;
        lastKind = kind;
        String ruleText = rule == REMOTE ? "peer's flow" : rule >= 0 && rule < ruleNames.length ? ruleNames[rule] : "default rule";
        last = "flow " + flow + ": " + ruleText + " " + prefix + (t == null ? "?" : t.label());
        return last;
    }

    private static String flowPart(FlowSteering s) {
        return s.lastFlowId() >= 0 ? " (flow " + s.lastFlowId() + ")" : "";
    }
}
