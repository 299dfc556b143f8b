package io.wanlab.core.lab;

/** An inclusive range of TCP/UDP ports. */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || first > 65535 || last < first || last > 65535) {
            throw new IllegalArgumentException("port range: " + first + "-" + last + " (expected: 0..65535, first <= last)");
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
