package io.wanlab.core.lint;

import java.util.List;

/**
 * The traffic a finding is about, in the words of a rule: sources and destinations (sites, subnets,
 * ranges), protocol, ports, the ports the PoP proxies among them, and which applications break.
 */
public record Traffic(List<String> sources, List<String> destinations, String protocol, List<String> ports,
        List<Integer> proxiedPorts, List<String> affectedApplications, List<String> unaffectedApplications) {
    public Traffic {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        ports = List.copyOf(ports);
        proxiedPorts = List.copyOf(proxiedPorts);
        affectedApplications = List.copyOf(affectedApplications);
        unaffectedApplications = List.copyOf(unaffectedApplications);
    }
}
