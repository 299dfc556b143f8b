package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A rule's service criterion: a protocol and, for TCP/UDP, destination ports (empty = all). */
public record Service(Protocol protocol, List<PortRange> ports) {
    public static final Service ANY = new Service(Protocol.ANY, List.of());

    public Service {
        requireNonNull(protocol, "protocol");
        ports = List.copyOf(requireNonNull(ports, "ports"));
        if (!ports.isEmpty() && !protocol.hasPorts()) {
            throw new IllegalArgumentException("service: ports " + ports + " with protocol " + protocol + " (expected: tcp or udp)");
        }
    }

    public boolean matches(int ipProtocol, int dstPort) {
        if (!protocol.matches(ipProtocol)) {
            return false;
        }
        if (ports.isEmpty()) {
            return true;
        }
        if (ipProtocol != Protocol.TCP.number() && ipProtocol != Protocol.UDP.number()) {
            return false;
        }
        for (PortRange range : ports) {
            if (range.contains(dstPort)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ports.isEmpty() ? protocol.label() : protocol.label() + "/" + ports;
    }
}
