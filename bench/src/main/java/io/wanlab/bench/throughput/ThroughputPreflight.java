package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.Preflight;
import java.util.ArrayList;
import java.util.List;

/** What {@code wanlab bench throughput} needs before it builds a lab; each problem is one sentence with the fix. */
public final class ThroughputPreflight {
    public static final String NOT_ROOT = "wanlab bench throughput needs root (network namespaces, veth, TUN): run it with sudo";
    public static final String NO_IPERF3 = "iperf3 is not on the PATH: install iperf3: apt-get install iperf3";

    private ThroughputPreflight() {
    }

    /**
     * {@code hostProblems}: what {@link Preflight#check()} found; {@code labNamespaces}: the namespaces
     * of lab {@code lab} that exist now (any means that lab is up, and this command builds its own of that name).
     */
    public static List<String> problems(String lab, List<String> hostProblems, boolean iperf3OnPath, List<String> labNamespaces) {
        requireNonNull(hostProblems, "hostProblems");
        requireNonNull(labNamespaces, "labNamespaces");
        List<String> out = new ArrayList<>();
        for (String p : hostProblems) {
            out.add(p.equals(Preflight.NOT_ROOT) ? NOT_ROOT : p);
        }
        if (!iperf3OnPath) {
            out.add(NO_IPERF3);
        }
        if (!labNamespaces.isEmpty()) {
            out.add("lab '" + lab + "' is already up (" + String.join(", ", labNamespaces) + "): this command builds its own;"
                    + " run '" + LabRuns.command(lab, "down") + "' first, or give it another --name");
        }
        return List.copyOf(out);
    }

}
