package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.node.Reload;
import java.nio.file.Path;

/** Everything a Socket node needs to start: the lab, its place in the topology, where to write. */
public record SocketNodeConfig(String node, LabFile lab, LabTopology topology, Path runDir, LinkAuth auth,
        boolean capture, Path statusSocket, Reload.Parser reloads, LinkTransport linkTransport) {
    public SocketNodeConfig {
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
