package io.wanlab.bench.lab;

import io.wanlab.core.topo.LabTopology;
import java.util.List;

/**
 * Where the lab's nodes live: network namespaces now ({@link NamespaceBackend}), containers
 * later. Every instance it creates, lists or removes carries the lab's prefix ({@code wanlab-}).
 */
public interface LabBackend {
    /** Short name for messages, such as "namespaces". */
    String kind();

    /**
     * Builds the topology. Refuses when any of its instances exists already; on a failure half-way
     * removes what it created and throws {@link LabSetupException} naming the failed step.
     */
    void create(LabTopology topology);

    /** Lab instances (namespace or container names, all {@code wanlab-*}) that exist now, sorted. */
    List<String> list();

    /** Stops every process inside each lab instance and removes the instances; idempotent. */
    CleanupReport destroy();

    /** The argument list that runs {@code command} inside a node, for example {@code ip netns exec wanlab-client curl ...}. */
    List<String> exec(String node, List<String> command);
}
