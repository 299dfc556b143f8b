package io.wanlab.bench.node;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.TopologyPlanner;
import io.wanlab.core.tun.LinuxTunDevice;
import io.wanlab.socket.SocketNode;
import io.wanlab.socket.SocketNodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wanlab node socket --name socket-a ...}. */
@Command(name = "socket", mixinStandardHelpOptions = true, description = "Run a Socket (SD-WAN edge device).")
public final class SocketNodeCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "The Socket's node name, e.g. socket-a.")
    String name;

    @Mixin
    NodeOptions options;

    @Override
    public Integer call() throws IOException {
        // Before any thread of the node's own starts: they inherit it (see Scheduling).
        io.wanlab.core.node.Scheduling.apply();
        LeakHunting.apply(options.leakDetection);
        LabFile lab = options.spec().load();
        SocketNodeConfig config = new SocketNodeConfig(name, lab, TopologyPlanner.plan(options.lab(), lab),
                options.runDir.resolve(name), LinkAuth.load(options.runDir.resolve("link.secret")), !options.noCapture,
                options.statusSocket(name),
                NodeReloads.forNode(name), options.linkTransport(), options.flowCapacity);
        SocketNode node = SocketNode.start(config, plan -> {
            try {
                return LinuxTunDevice.open(plan.device(), plan.mtu(), options.offload());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return NodeRunner.runUntilStopped(name, node, node.failed());
    }
}
