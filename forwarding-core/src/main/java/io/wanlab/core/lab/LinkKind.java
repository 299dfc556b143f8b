package io.wanlab.core.lab;

/** What a link between two devices carries: the cloud tunnel or one of the direct paths. */
public enum LinkKind {
    CATO("cato", Transport.CATO),
    OFF_CLOUD("off-cloud", Transport.OFF_CLOUD),
    ALT_WAN("alt-wan", Transport.ALT_WAN);

    private final String label;
    private final Transport transport;

    LinkKind(String label, Transport transport) {
        this.label = label;
        this.transport = transport;
    }

    public String label() {
        return label;
    }

    /** The transport that travels over links of this kind. */
    public Transport transport() {
        return transport;
    }

    public static LinkKind fromLabel(String label) {
        for (LinkKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("link kind: '" + label + "' (expected: cato, off-cloud, alt-wan)");
    }

    @Override
    public String toString() {
        return label;
    }
}
