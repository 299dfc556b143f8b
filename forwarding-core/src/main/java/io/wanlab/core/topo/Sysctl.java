package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

/** One kernel setting applied inside a node's namespace, such as net.ipv4.ip_forward=1. */
public record Sysctl(String key, String value) {
    public Sysctl {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        if (!key.matches("[a-z0-9_]+(\\.[a-zA-Z0-9_-]+)+")) {
            throw new IllegalArgumentException("sysctl key: '" + key + "' (expected: dotted words such as net.ipv4.ip_forward)");
        }
        if (!value.matches("[0-9a-z]+")) {
            throw new IllegalArgumentException("sysctl value: '" + value + "' (expected: a number or word)");
        }
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
