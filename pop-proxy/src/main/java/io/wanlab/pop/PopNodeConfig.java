package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.node.Reload;
import java.nio.file.Path;
import java.time.Duration;

/** What the PoP process needs: the lab, the topology, its run folder and control socket. */
public record PopNodeConfig(LabFile lab, LabTopology topology, Path runDir, LinkAuth auth, boolean capture, Path statusSocket,
        int[] proxiedPorts, Duration halfOpenIdle, Reload.Parser reloads, LinkTransport linkTransport, TlsInspector inspector) {
    public static final String NODE = "pop";
    /** TLS inspection proxies these ports (HTTPS); other TCP passes through. Shared with the lint. */
    public static final int[] DEFAULT_PROXIED_PORTS =
            Account.DEFAULT_PROXIED_PORTS.stream().mapToInt(Integer::intValue).sorted().toArray();
    public static final Duration DEFAULT_HALF_OPEN_IDLE = Duration.ofSeconds(10);

    public PopNodeConfig {
        requireNonNull(lab, "lab");
        requireNonNull(topology, "topology");
        requireNonNull(runDir, "runDir");
        requireNonNull(auth, "auth");
        requireNonNull(statusSocket, "statusSocket");
        proxiedPorts = proxiedPorts.clone();
        requireNonNull(halfOpenIdle, "halfOpenIdle");
        requireNonNull(reloads, "reloads");
        requireNonNull(linkTransport, "linkTransport");
    }
}
