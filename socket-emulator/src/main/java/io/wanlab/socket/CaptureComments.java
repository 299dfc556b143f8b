package io.wanlab.socket;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Transport;

/**
 * The per-packet comments written into captures: which flow, which rule and which transport.
 * Each tap point (LAN out, link out, in) keeps its own last comment and reuses it while those
 * stay the same, so a bulk transfer builds one string per flow and tap point rather than one per
 * packet. One cache for all three would not do: every packet from the LAN is commented at the
 * LAN tap and then at its link's tap, so a shared entry would be rebuilt twice per packet.
 * Owned by the Socket's event loop.
 */
final class CaptureComments {
    /** Marks flows the peer site started: their rule was applied by the other Socket. */
    private static final int REMOTE = -100;

    /** Tap points, the index into the per-point caches below. */
    private static final int LAN_OUT = 0;
    private static final int LINK_OUT = 1;
    private static final int IN = 2;

    private final String[] ruleNames;
    private final long[] lastFlow = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    private final int[] lastRule = new int[3];
    private final Transport[] lastTransport = new Transport[3];
    private final String[] last = new String[3];

    CaptureComments(LabFile lab) {
        ruleNames = new String[lab.rules().size()];
        for (int i = 0; i < ruleNames.length; i++) {
            NetworkRule r = lab.rules().get(i);
            ruleNames[i] = "rule #" + (i + 1) + " '" + r.name() + "'";
        }
    }

    /** A LAN packet and where it went. */
    String lan(FlowSteering s, int link) {
        return link == FlowSteering.DROP ? "dropped" + flowPart(s) : comment(LAN_OUT, s, "-> ");
    }

    /** A packet leaving on a link. */
    String out(FlowSteering s) {
        return comment(LINK_OUT, s, "out ");
    }

    /** A packet that came in over a link. */
    String in(FlowSteering s, int verdict) {
        return verdict == FlowSteering.DROP ? "dropped" + flowPart(s) : comment(IN, s, "in ");
    }

    private String comment(int point, FlowSteering s, String prefix) {
        long flow = s.lastFlowId();
        int rule = s.lastRemote() ? REMOTE : s.lastRuleIndex();
        Transport t = s.lastTransport();
        if (flow == lastFlow[point] && rule == lastRule[point] && t == lastTransport[point]) {
            return last[point];
        }
        lastFlow[point] = flow;
        lastRule[point] = rule;
        lastTransport[point] = t;
        String ruleText = rule == REMOTE ? "peer's flow" : rule >= 0 && rule < ruleNames.length ? ruleNames[rule] : "default rule";
        last[point] = "flow " + flow + ": " + ruleText + " " + prefix + (t == null ? "?" : t.label());
        return last[point];
    }

    private static String flowPart(FlowSteering s) {
        return s.lastFlowId() >= 0 ? " (flow " + s.lastFlowId() + ")" : "";
    }
}
