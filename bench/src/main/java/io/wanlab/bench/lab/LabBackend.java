package io.wanlab.bench.lab;

import io.wanlab.core.topo.LabTopology;
import java.util.List;

/**
 * Where one lab's nodes live: network namespaces now ({@link NamespaceBackend}), containers
 * later. Every instance it creates, lists or removes is named {@code <lab>-<node>} for its own lab.
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
}
