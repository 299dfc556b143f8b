package io.wanlab.bench.cli;

import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.LabFileException;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.topo.LabNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wanlab up}: builds the default topology in namespaces, starts the nodes, leaves the lab running. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Build the lab and leave it running until 'wanlab down' removes it.",
                "Namespaces NAME-<node>, veths, TUNs; starts the Socket, PoP and server processes, waits until",
                "each is ready and prints the run folder. Labs of different --name run side by side;",
                "status sockets and state live in /run/wanlab/NAME/."})
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--backend", paramLabel = "namespaces|docker", converter = io.wanlab.bench.lab.cli.BackendKindConverter.class,
            description = "Where the nodes run: network namespaces, or containers of the wanlab:latest image (default: namespaces).")
    io.wanlab.bench.lab.BackendKind backend = io.wanlab.bench.lab.BackendKind.NAMESPACES;

    @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
            description = "The lab's name: 1..16 of a-z, 0-9, starting with a letter (default: ${DEFAULT-VALUE}).")
    String name = LabNames.DEFAULT_LAB;

    @Option(names = "--rules", paramLabel = "bug|fixed|FILE", description = "Rulebase preset or lab file (default: bug).")
    String rules = LabSpec.DEFAULT_RULES;

    @Option(names = "--tls-inspection", paramLabel = "on|off", description = "TLS inspection (default: the lab's; on in the presets).")
    String tlsInspection;

    @Option(names = "--direct", paramLabel = "off-cloud|alt-wan", description = "Direct transport for the presets (default: off-cloud).")
    String direct;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<date-time>).")
    Path out;

    @Option(names = "--no-capture", description = "Write no pcapng files (for throughput runs).")
    boolean noCapture;

    @Option(names = "--no-offload", description = "Open the nodes' TUNs without offloads (the plain path: one packet per read and write).")
    boolean noOffload;

    @Option(names = "--link-transport", paramLabel = "tcp|udp",
            description = "What carries the links between devices: TCP streams or UDP datagrams (default: ${DEFAULT-VALUE}).")
    String linkTransport = "tcp";

    @Option(names = "--flow-capacity", paramLabel = "N",
            description = "Each Socket's flow table holds at most N flows (default: 65536); past it new flows evict old ones, counted in status.")
    int flowCapacity;

    @Override
    public Integer call() throws Exception {
        LabSpec spec;
        LinkTransport transport;
        io.wanlab.core.lab.LabFile file;
        io.wanlab.bench.lab.NodeTuning tuning;
        try {
            spec = new LabSpec(rules, tlsInspection, direct);
            file = spec.load();
            transport = LinkTransport.fromLabel(linkTransport);
            tuning = io.wanlab.bench.lab.NodeTuning.NONE.withFlowCapacity(flowCapacity);
        } catch (LabFileException e) {
            System.err.println("wanlab up: the lab file has problems (nothing was created):\n" + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("wanlab up: " + e.getMessage() + " (nothing was created)");
            return 2;
        }
        Path run = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            LabLauncher.RunningLab lab = new LabLauncher(name, System.out, backend)
                    .up(new LabLauncher.Options(spec, run, !noCapture, Duration.ofSeconds(30), transport,
                            LabLauncher.Stub.everySite(file, io.wanlab.core.topo.TopologyPlanner.plan(name, file))).withTuning(tuning)
                            .withOffload(!noOffload));
            System.out.println("wanlab up: lab '" + name + "' (" + lab.lab().name() + ") is up; TLS inspection "
                    + (lab.lab().account().tlsInspection() ? "on" : "off") + "; links over " + transport.label()
                    + "; run folder: " + lab.runDir());
            if (lab.topology().sites().size() > 1) {
                io.wanlab.core.topo.SitePlan first = lab.topology().sites().get(0);
                io.wanlab.core.topo.SitePlan second = lab.topology().sites().get(1);
                List<String> names = LabLauncher.Stub.everySite(lab.lab(), lab.topology()).getFirst().names();
                String host = names.isEmpty() ? second.hostAddress().ipText() : names.getFirst();
                System.out.println("  try:  " + LabRuns.command(name, "exec") + " " + first.host() + " -- curl -sS --cacert "
                        + lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE) + " --resolve " + host + ":443:" + second.hostAddress().ipText()
                        + " https://" + host + "/");
            }
            System.out.println("        " + LabRuns.command(name, "status") + "        " + LabRuns.command(name, "down"));
            return 0;
        } catch (LabSetupException | IllegalArgumentException e) {
            System.err.println("wanlab up: " + e.getMessage());
            return 1;
        }
    }
}
