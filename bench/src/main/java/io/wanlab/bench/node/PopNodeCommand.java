package io.wanlab.bench.node;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.TopologyPlanner;
import io.wanlab.pop.PopNode;
import io.wanlab.pop.TlsInspector;
import io.wanlab.server.ca.LabCaFiles;
import io.wanlab.pop.PopNodeConfig;
import java.io.IOException;
import java.util.concurrent.Callable;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TunPlan;
import io.wanlab.core.tun.LinuxTunDevice;
import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wanlab node pop ...}. */
@Command(name = "pop", mixinStandardHelpOptions = true, description = "Run the PoP (tunnel termination, routing).")
public final class PopNodeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions options;

    @Option(names = "--proxy-idle-ms", description = "Close a proxied client leg that sends no payload after this long (default: ${DEFAULT-VALUE}).")
    long halfOpenIdleMillis = PopNodeConfig.DEFAULT_HALF_OPEN_IDLE.toMillis();

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Before any thread of the node's own starts: they inherit it (see Scheduling).
        io.wanlab.core.node.Scheduling.apply();
        LeakHunting.apply(options.leakDetection);
        LabFile lab = options.spec().load();
        LabTopology topology = TopologyPlanner.plan(options.lab(), lab);
        PopNodeConfig config = new PopNodeConfig(lab, topology, options.runDir.resolve(PopNodeConfig.NODE),
                LinkAuth.load(options.runDir.resolve("link.secret")), !options.noCapture,
                options.statusSocket(PopNodeConfig.NODE), PopNodeConfig.DEFAULT_PROXIED_PORTS,
                Duration.ofMillis(halfOpenIdleMillis), NodeReloads.forNode(PopNodeConfig.NODE),
                options.linkTransport(), TlsInspector.fromCas(LabCaFiles.loadInspection(options.runDir), LabCaFiles.load(options.runDir)));
        TunPlan tun = topology.tunOf(PopNodeConfig.NODE).orElseThrow(() -> new IllegalStateException("the topology has no PoP TUN"));
        PopNode node = PopNode.start(config, LinuxTunDevice.open(tun.device(), tun.mtu(), options.offload()));
        return NodeRunner.runUntilStopped(PopNodeConfig.NODE, node, node.failed());
    }
}
