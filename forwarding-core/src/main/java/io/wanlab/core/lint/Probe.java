package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.Protocol;
import io.wanlab.core.net.Ipv4;
import java.util.List;

/**
 * One connection to make in the live lab: from a site's host to another site's host (the lab's
 * hosts at offset .10 of each site's first subnet), with a TLS server name or none.
 *
 * @param sni the ClientHello's server name, or null for none
 * @param sniInApplication whether {@code sni} is one of the finding's (or rule's) complex rule's applications
 * @param rules the rules the probe is about, by 1-based position and name
 */
public record Probe(String name, ProbeKind kind, String sourceSite, int sourceAddress, String destinationSite,
        int destinationAddress, Protocol protocol, int port, String sni, boolean sniInApplication, List<RuleRef> rules) {
    public Probe {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(sourceSite, "sourceSite");
        requireNonNull(destinationSite, "destinationSite");
        requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        rules = List.copyOf(requireNonNull(rules, "rules"));
    }

    /** Same connection: same endpoints, port and server name, whatever it is called. */
    boolean sameConnection(Probe o) {
        return sourceAddress == o.sourceAddress && destinationAddress == o.destinationAddress && protocol == o.protocol
                && port == o.port && java.util.Objects.equals(sni, o.sni);
    }

    @Override
    public String toString() {
        return name + ": " + Ipv4.format(sourceAddress) + " -> " + Ipv4.format(destinationAddress) + " " + protocol + "/" + port
                + (sni == null ? "" : " sni " + sni);
    }
}
