package io.wanlab.bench.cli;

import io.wanlab.bench.lab.ComposeFile;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileException;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.topo.DockerCommands;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.TopologyPlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wanlab export compose LAB}: the lab as a Compose file on stdout, its run folder (secret, CA) made ready. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a lab in another tool's format.",
        subcommands = ExportCommand.Compose.class)
public final class ExportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "compose", mixinStandardHelpOptions = true,
            description = {"Print the lab as a Compose file: 'wanlab export compose bug --out /tmp/c > docker-compose.yml;",
                    "docker-compose up -d'. Writes the run folder's link secret and lab CA now; the nodes write there."})
    static final class Compose implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LAB", description = "Preset (bug, fixed, ...) or lab file.")
        String rules;

        @Option(names = "--name", paramLabel = "NAME", converter = io.wanlab.bench.lab.cli.LabNameConverter.class,
                description = "The lab's name: containers NAME-<node> (default: ${DEFAULT-VALUE}).")
        String name = LabNames.DEFAULT_LAB;

        @Option(names = "--out", paramLabel = "DIR", description = "Run folder, mounted in every container (default: runs/compose-NAME).")
        Path out;

        @Option(names = "--image", paramLabel = "IMAGE", description = "Image of every node (default: ${DEFAULT-VALUE}).")
        String image = DockerCommands.DEFAULT_IMAGE;

        @Override
        public Integer call() throws Exception {
            LabSpec spec;
            LabFile file;
            List<String> labels;
            try {
                spec = new LabSpec(rules, null, null);
                file = spec.load();
                labels = DockerCommands.extraLabels(System.getenv(DockerCommands.EXTRA_LABEL_ENV));
            } catch (LabFileException | IllegalArgumentException e) {
                System.err.println("wanlab export compose: " + e.getMessage());
                return 2;
            }
            Path run = (out != null ? out : Path.of("runs", "compose-" + name)).toAbsolutePath();
            LabTopology topology = TopologyPlanner.plan(name, file);
            List<LabLauncher.Stub> stubs = LabLauncher.Stub.everySite(file, topology);
            LabLauncher.prepareRunFolder(run);
            LabLauncher.Options options = new LabLauncher.Options(spec, run, true, Duration.ofSeconds(30), LinkTransport.TCP, stubs);
            Map<String, List<String>> args = new LinkedHashMap<>();
            for (Node node : LabLauncher.runningNodes(topology, stubs)) {
                args.put(node.name(), LabLauncher.nodeArgs(name, node, topology, options, run));
            }
            List<Path> mounts = new ArrayList<>(List.of(run));
            if (spec.isFile()) {
                mounts.add(Path.of(rules).toAbsolutePath().getParent());
            }
            System.out.print(ComposeFile.write(topology, args, mounts, image, labels));
            return 0;
        }
    }
}
