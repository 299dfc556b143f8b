package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;

/**
 * A route in a node's namespace: to {@code destination} out of {@code device}, through
 * {@code gateway} when it is not 0 (0.0.0.0 is never a gateway, so 0 means on-link).
 */
public record RoutePlan(String node, Ipv4Prefix destination, int gateway, String device) {
    public RoutePlan {
        requireNonNull(node, "node");
        requireNonNull(destination, "destination");
        requireNonNull(device, "device");
    }

    public boolean hasGateway() {
        return gateway != 0;
    }

    /** How ip(8) spells the destination: {@code default} for 0.0.0.0/0. */
    public String destinationText() {
        return destination.length() == 0 ? "default" : destination.toString();
    }

    @Override
    public String toString() {
        return node + ": " + destinationText() + (hasGateway() ? " via " + Ipv4.format(gateway) : "") + " dev " + device;
    }
}
