package io.wanlab.bench.lab;

import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where one lab's nodes live: network namespaces ({@link NamespaceBackend}) or Docker containers
 * ({@link DockerBackend}). Every instance it creates, lists or removes is named {@code <lab>-<node>} for its own lab.
 */
public interface LabBackend {
    /** Short name for messages, such as "namespaces". */
    String kind();

    /** The lab's name ({@code --name}); every instance of this backend carries it. */
    String lab();

    /**
     * Builds the topology. Refuses when any of its instances exists already; on a failure half-way
     * removes what it created and throws {@link LabSetupException} naming the failed step.
     */
    void create(LabTopology topology);

    /** This lab's instances (namespace or container names, all {@code <lab>-*}) that exist now, sorted. */
    List<String> list();

    /** Stops every process inside each of this lab's instances and removes the instances; idempotent. */
    CleanupReport destroy();

    /** The argument list that runs {@code command} inside a node, for example {@code ip netns exec wanlab-client curl ...}. */
    List<String> exec(String node, List<String> command);

    /**
     * Starts node {@code node} running {@code wanlab ARGS...} (no arguments: a host that runs
     * nothing of its own), its output to {@code log}; the process lives as long as the node does.
     * Empty when nothing runs (a namespace host without a process).
     */
    default Optional<Process> start(LabTopology topology, Node node, List<String> wanlabArgs, Path log) throws IOException {
        throw new UnsupportedOperationException(kind() + " starts no nodes");
    }

    /**
     * Files the nodes will read that their arguments do not name, such as the lab file a later
     * reload switches to ({@code verify --fix}). Namespace nodes see the host's files already; a
     * container backend mounts their folders. Called before {@link #start}.
     */
    default void share(List<Path> files) {
    }
}
