package io.wanlab.bench.lab;

import io.netty.util.ResourceLeakDetector;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.topo.NodeRole;
import java.util.ArrayList;
import java.util.List;

/**
 * How a lab's node processes run beyond what the lab file says, for floods and soaks: the Sockets'
 * flow-table capacity ({@code --flow-capacity}) and Netty's buffer leak detection in every node
 * ({@code --leak-detection}). {@code 0} and {@code null} leave the nodes' defaults.
 */
public record NodeTuning(int flowCapacity, ResourceLeakDetector.Level leakDetection) {
    /** The nodes' own defaults. */
    public static final NodeTuning NONE = new NodeTuning(0, null);

    public NodeTuning {
        if (flowCapacity != 0 && (flowCapacity < 1 || flowCapacity > FlowTableConfig.MAX_CAPACITY)) {
            throw new IllegalArgumentException("flow capacity: " + flowCapacity + " (expected: 1.." + FlowTableConfig.MAX_CAPACITY + ")");
        }
    }

    public NodeTuning withFlowCapacity(int capacity) {
        return new NodeTuning(capacity, leakDetection);
    }

    public NodeTuning withLeakDetection(ResourceLeakDetector.Level level) {
        return new NodeTuning(flowCapacity, level);
    }

    /** The node command's extra words for a node of that role (a host runs the server stub). */
    public List<String> args(NodeRole role) {
        List<String> out = new ArrayList<>();
        if (role == NodeRole.SOCKET && flowCapacity != 0) {
            out.addAll(List.of("--flow-capacity", Integer.toString(flowCapacity)));
        }
        if (leakDetection != null) {
            out.addAll(List.of("--leak-detection", leakDetection.name()));
        }
        return List.copyOf(out);
    }
}
