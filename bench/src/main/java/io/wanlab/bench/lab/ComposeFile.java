package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.topo.ContainerNetwork;
import io.wanlab.core.topo.ContainerPlanner;
import io.wanlab.core.topo.DockerCommands;
import io.wanlab.core.topo.LabNames;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import io.wanlab.core.topo.Sysctl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A lab as a Compose file (format 2.4, which docker-compose 1.29 reads with IPAM gateways and
 * sysctls): the same containers, networks, names, labels and commands as {@code --backend docker}
 * ({@link ContainerPlanner}, {@link DockerCommands}), so {@code docker-compose up -d} brings up a
 * working lab whose nodes write into the run folder.
 */
public final class ComposeFile {
    private ComposeFile() {
    }

    /** {@code nodeArgs}: each node's wanlab arguments (empty for a host that runs nothing). */
    public static String write(LabTopology topology, Map<String, List<String>> nodeArgs, List<Path> mounts, String image) {
        return write(topology, nodeArgs, mounts, image, List.of());
    }

    /** {@code extraLabels}: {@code key=value} labels for every container and network beyond the lab's own. */
    public static String write(LabTopology topology, Map<String, List<String>> nodeArgs, List<Path> mounts, String image,
            List<String> extraLabels) {
        requireNonNull(topology, "topology");
        String lab = topology.instance();
        Map<String, Object> services = new LinkedHashMap<>();
        for (Node node : topology.nodes()) {
            List<String> args = nodeArgs.getOrDefault(node.name(), List.of());
            List<String> run = new ArrayList<>();
            if (!args.isEmpty()) {
                run.add("wanlab");
                run.addAll(args);
            }
            Map<String, Object> svc = new LinkedHashMap<>();
            svc.put("image", image);
            svc.put("container_name", LabNames.namespace(lab, node.name()));
            svc.put("hostname", node.name());
            Map<String, String> labels = labels(lab, extraLabels);
            labels.put(DockerCommands.NODE_LABEL, node.name());
            svc.put("labels", labels);
            svc.put("cap_add", List.of("NET_ADMIN"));
            svc.put("devices", List.of("/dev/net/tun"));
            Map<String, String> sysctls = new LinkedHashMap<>();
            for (Sysctl s : ContainerPlanner.sysctls(topology, node.name())) {
                sysctls.put(s.key(), s.value());
            }
            svc.put("sysctls", sysctls);
            Map<String, Object> nets = new LinkedHashMap<>();
            for (ContainerNetwork net : ContainerPlanner.networksOf(topology, node.name())) {
                nets.put(net.name(), Map.of("ipv4_address", net.memberOf(node.name()).orElseThrow().address().ipText()));
            }
            svc.put("networks", nets);
            List<String> volumes = new ArrayList<>();
            volumes.add(LabNames.runFolder(lab) + ":" + LabNames.runFolder(lab));
            for (Path m : mounts) {
                volumes.add(m + ":" + m);
            }
            svc.put("volumes", volumes);
            // Compose reads $ as its own variables: $$ leaves one for the container's sh.
            svc.put("entrypoint", ContainerPlanner.command(topology, node.name(), run).stream().map(a -> a.replace("$", "$$")).toList());
            services.put(node.name(), svc);
        }
        Map<String, Object> networks = new LinkedHashMap<>();
        for (ContainerNetwork net : ContainerPlanner.networks(topology)) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", net.name());
            n.put("driver", "bridge");
            n.put("labels", labels(lab, extraLabels));
            n.put("ipam", Map.of("config", List.of(Map.of("subnet", net.subnet().toString(), "gateway", net.gatewayText()))));
            networks.put(net.name(), n);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "2.4");
        root.put("services", services);
        root.put("networks", networks);
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return "# wanlab lab '" + lab + "' (" + topology.lab() + "): docker-compose up -d; wanlab status --name " + lab + "\n"
                + new Dump(settings).dumpToString(root);
    }

    private static Map<String, String> labels(String lab, List<String> extraLabels) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DockerCommands.LAB_LABEL, lab);
        for (String l : extraLabels) {
            int eq = l.indexOf('=');
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }
}
