package io.wanlab.bench.node;

import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every device node command takes (a picocli mixin). */
public final class NodeOptions {
    @Option(names = "--lab", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The lab this node belongs to (default: ${DEFAULT-VALUE}); its status socket goes in /run/wanlab/NAME/.")
    String lab = LabNames.DEFAULT_LAB;

    @Option(names = "--rules", paramLabel = "PRESET|FILE", description = "Lab preset or file (default: bug).")
    String rules;

    @Option(names = "--tls-inspection", paramLabel = "on|off", description = "Override the lab's account setting.")
    String tlsInspection;

    @Option(names = "--direct", paramLabel = "off-cloud|alt-wan", description = "Direct transport of the presets.")
    String direct;

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run folder (captures, events).")
    Path runDir;

    @Option(names = "--no-capture", description = "Write no pcapng files.")
    boolean noCapture;

    @Option(names = "--no-offload", description = "Open the TUN without offloads: one packet of at most the MTU per read and write (the plain path).")
    boolean noOffload;

    /** Offloads on the TUN: asked for unless --no-offload, and only with links over TCP (a UDP link's frames are at most 16 KiB). */
    public boolean offload() {
        return !noOffload && linkTransport() == io.wanlab.core.link.LinkTransport.TCP;
    }

    @Option(names = "--link-transport", paramLabel = "tcp|udp", description = "What carries the links (default: ${DEFAULT-VALUE}).")
    String linkTransport = "tcp";

    @Option(names = "--flow-capacity", paramLabel = "N", description = "A Socket's flow table holds at most N flows "
            + "(default: ${DEFAULT-VALUE}); a new flow past it evicts one, counted in status.")
    int flowCapacity = io.wanlab.socket.SocketNodeConfig.DEFAULT_FLOW_CAPACITY;

    @Option(names = "--leak-detection", paramLabel = "LEVEL",
            description = "Netty's buffer leak detection: ${COMPLETION-CANDIDATES} (default: Netty's own).")
    io.netty.util.ResourceLeakDetector.Level leakDetection;

    public io.wanlab.core.link.LinkTransport linkTransport() {
        return io.wanlab.core.link.LinkTransport.fromLabel(linkTransport);
    }

    public LabSpec spec() {
        return new LabSpec(rules, tlsInspection, direct);
    }

    public String lab() {
        return lab;
    }

    /** This node's status socket: {@code /run/wanlab/<lab>/<node>.sock}. */
    public Path statusSocket(String node) {
        return LabNames.statusSocket(lab, node);
    }
}
