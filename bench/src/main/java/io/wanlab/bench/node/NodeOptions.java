package io.wanlab.bench.node;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every node command takes (a picocli mixin). */
public final class NodeOptions {
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

    @Option(names = "--link-transport", paramLabel = "tcp|udp", description = "What carries the links (default: ${DEFAULT-VALUE}).")
    String linkTransport = "tcp";

    public io.wanlab.core.link.LinkTransport linkTransport() {
        return io.wanlab.core.link.LinkTransport.fromLabel(linkTransport);
    }

    public LabSpec spec() {
        return new LabSpec(rules, tlsInspection, direct);
    }

    public static Path statusSocket(String node) {
        return Path.of("/run/wanlab", node + ".sock");
    }
}
