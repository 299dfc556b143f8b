package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

/** A link between two device nodes (for example socket-a and pop), of one kind. */
public record LinkSpec(String name, LinkKind kind, String from, String to, Location location) {
    public LinkSpec {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(location, "location");
    }
}
