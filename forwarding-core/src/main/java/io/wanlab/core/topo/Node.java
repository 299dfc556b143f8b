package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One node of a lab: a namespace named {@code <lab>-<name>}, its role, the site it belongs to
 * (none for the PoP) and the kernel settings applied right after its namespace is created.
 */
public record Node(String lab, String name, NodeRole role, Optional<String> site, List<Sysctl> sysctls) {
    public Node {
        LabNames.namespace(requireNonNull(lab, "lab"), requireNonNull(name, "name"));
        requireNonNull(role, "role");
        requireNonNull(site, "site");
        sysctls = List.copyOf(requireNonNull(sysctls, "sysctls"));
    }

    public String namespace() {
        return LabNames.namespace(lab, name);
    }
}
