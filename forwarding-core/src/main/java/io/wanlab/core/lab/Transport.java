package io.wanlab.core.lab;

/** The transports a network rule can pick, with the names the lab file uses. */
public enum Transport {
    CATO("cato"),
    OFF_CLOUD("off-cloud"),
    ALT_WAN("alt-wan"),
    AUTOMATIC("automatic"),
    NONE("none");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this transport bypasses the PoP (socket to socket). */
    public boolean isDirect() {
        return this == OFF_CLOUD || this == ALT_WAN;
    }

    public static Transport fromLabel(String label) {
        for (Transport t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport: '" + label + "' (expected: cato, off-cloud, alt-wan, automatic, none)");
    }

    @Override
    public String toString() {
        return label;
    }
}
