package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An application of the catalog: identified when a flow's SNI or Host matches a domain. */
public record Application(String name, String category, List<DomainPattern> domains, Location location) {
    public Application {
        requireNonNull(name, "name");
        domains = List.copyOf(requireNonNull(domains, "domains"));
        requireNonNull(location, "location");
    }

    public boolean matchesHost(String host) {
        for (DomainPattern d : domains) {
            if (d.matches(host)) {
                return true;
            }
        }
        return false;
    }
}
