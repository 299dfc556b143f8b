package io.wanlab.core.lab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One network rule, after the vendor's model. Source and destination hold criteria of which
 * any one may match (an empty list or {@link EndpointMatch.Any} matches all). A rule is
 * <em>complex</em> when it names an application, a category or a domain: those need payload.
 */
public record NetworkRule(
        String name,
        boolean enabled,
        List<EndpointMatch> source,
        List<EndpointMatch> destination,
        Service service,
        List<String> applications,
        List<String> categories,
        List<DomainPattern> domains,
        Transport primary,
        Transport secondary,
        Location location) {

    public NetworkRule {
        requireNonNull(name, "name");
        source = List.copyOf(requireNonNull(source, "source"));
        destination = List.copyOf(requireNonNull(destination, "destination"));
        requireNonNull(service, "service");
        applications = List.copyOf(requireNonNull(applications, "applications"));
        categories = List.copyOf(requireNonNull(categories, "categories"));
        domains = List.copyOf(requireNonNull(domains, "domains"));
        requireNonNull(primary, "primary");
        requireNonNull(secondary, "secondary");
        requireNonNull(location, "location");
    }

    public boolean isComplex() {
        return !applications.isEmpty() || !categories.isEmpty() || !domains.isEmpty();
    }
}
