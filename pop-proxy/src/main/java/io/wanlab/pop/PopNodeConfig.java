package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.LabTopology;
import java.nio.file.Path;

/** What the PoP process needs: the lab, the topology, its run folder and control socket. */
public record PopNodeConfig(LabFile lab, LabTopology topology, Path runDir, LinkAuth auth, boolean capture, Path statusSocket) {
    public static final String NODE = "pop";

    public PopNodeConfig {
        requireNonNull(lab, "lab");
        requireNonNull(topology, "topology");
        requireNonNull(runDir, "runDir");
        requireNonNull(auth, "auth");
        requireNonNull(statusSocket, "statusSocket");
    }
}
