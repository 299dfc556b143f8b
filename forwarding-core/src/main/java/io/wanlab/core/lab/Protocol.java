package io.wanlab.core.lab;

/** The IP protocols a rule's service can name; {@link #ANY} matches every protocol. */
public enum Protocol {
    ANY("any", -1),
    TCP("tcp", 6),
    UDP("udp", 17),
    ICMP("icmp", 1);

    private final String label;
    private final int number;

    Protocol(String label, int number) {
        this.label = label;
        this.number = number;
    }

    public String label() {
        return label;
    }

    /** The IP protocol number, or -1 for {@link #ANY}. */
    public int number() {
        return number;
    }

    public boolean matches(int ipProtocol) {
        return this == ANY || number == ipProtocol;
    }

    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    public static Protocol fromLabel(String label) {
        for (Protocol p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol: '" + label + "' (expected: any, tcp, udp, icmp)");
    }

    @Override
    public String toString() {
        return label;
    }
}
