package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;

/** A site: its subnets and the name of the Socket node that serves it. */
public record Site(String name, List<Ipv4Prefix> subnets, String socket, Location location) {
    public Site {
        requireNonNull(name, "name");
        subnets = List.copyOf(requireNonNull(subnets, "subnets"));
        requireNonNull(socket, "socket");
        requireNonNull(location, "location");
    }

    public boolean contains(int address) {
        for (Ipv4Prefix p : subnets) {
            if (p.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
