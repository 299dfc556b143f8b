package io.wanlab.bench.node;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkAuth;
import io.wanlab.core.topo.TopologyPlanner;
import io.wanlab.pop.PopNode;
import io.wanlab.pop.PopNodeConfig;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wanlab node pop ...}. */
@Command(name = "pop", mixinStandardHelpOptions = true, description = "Run the PoP (tunnel termination, routing).")
public final class PopNodeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions options;

    @Override
    public Integer call() throws IOException {
        LabFile lab = options.spec().load();
        PopNodeConfig config = new PopNodeConfig(lab, TopologyPlanner.plan(lab), options.runDir.resolve(PopNodeConfig.NODE),
                LinkAuth.load(options.runDir.resolve("link.secret")), !options.noCapture,
                NodeOptions.statusSocket(PopNodeConfig.NODE));
        PopNode node = PopNode.start(config);
        return NodeRunner.runUntilStopped(PopNodeConfig.NODE, node, new CompletableFuture<>());
    }
}
