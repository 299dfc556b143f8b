package io.wanlab.bench.lab;

import java.util.Locale;

/** Where a lab's nodes live ({@code --backend}): network namespaces on this host, or Docker containers. */
public enum BackendKind {
    NAMESPACES,
    DOCKER;

    /** The word the command line and the state file use: {@code namespaces}, {@code docker}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendKind fromLabel(String label) {
        for (BackendKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("backend: '" + label + "' (expected: namespaces or docker)");
    }

    /** The backend of that kind for lab {@code lab}. */
    public LabBackend of(String lab) {
        return switch (this) {
            case NAMESPACES -> new NamespaceBackend(lab);
            case DOCKER -> new DockerBackend(lab);
        };
    }
}
