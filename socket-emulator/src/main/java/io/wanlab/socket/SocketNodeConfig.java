package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.node.Reload;
import java.nio.file.Path;

/**
 * Everything a Socket node needs to start: the lab, its place in the topology, where to write.
 *
 * @param flowCapacity the most flows its table holds (a new flow past it evicts one, counted in status)
 */
public record SocketNodeConfig(String node, LabFile lab, LabTopology topology, Path runDir, LinkAuth auth,
        boolean capture, Path statusSocket, Reload.Parser reloads, LinkTransport linkTransport, int flowCapacity) {
    /** The flow table's size when nothing says otherwise: 65,536 flows. */
    public static final int DEFAULT_FLOW_CAPACITY = 1 << 16;

    /** With the default flow capacity. */
    public SocketNodeConfig(String node, LabFile lab, LabTopology topology, Path runDir, LinkAuth auth,
            boolean capture, Path statusSocket, Reload.Parser reloads, LinkTransport linkTransport) {
        this(node, lab, topology, runDir, auth, capture, statusSocket, reloads, linkTransport, DEFAULT_FLOW_CAPACITY);
    }

    public SocketNodeConfig {
        // FlowTableConfig says what a capacity may be; checked here so a bad one fails before the node starts.
        io.wanlab.core.flow.FlowTableConfig.defaults().withCapacity(flowCapacity);
        requireNonNull(node, "node");
        requireNonNull(lab, "lab");
        requireNonNull(topology, "topology");
        requireNonNull(runDir, "runDir");
        requireNonNull(auth, "auth");
        requireNonNull(statusSocket, "statusSocket");
        requireNonNull(reloads, "reloads");
        requireNonNull(linkTransport, "linkTransport");
    }
}
