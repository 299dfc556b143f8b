package io.wanlab.bench.diagnose;

import java.util.List;

/**
 * One TCP flow of the capture and what it showed.
 *
 * @param sawSyn      the capture holds the client's SYN
 * @param clientHello what the client's first bytes said, or null when it sent none
 * @param packets     segments of the flow in the capture
 */
public record FlowReport(FlowId flow, double seconds, long firstFrame, boolean sawSyn, ClientHelloInfo clientHello,
        long packets, List<Finding> findings) {
    public FlowReport {
        findings = List.copyOf(findings);
    }
}
