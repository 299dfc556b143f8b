package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything that would stop a lab file from becoming a topology, found before anything is created. */
public final class TopologyValidator {
    private TopologyValidator() {
    }

    /** Every problem, one sentence each; empty when the lab can be planned. */
    public static List<String> problems(LabFile lab) {
        requireNonNull(lab, "lab");
        List<String> problems = new ArrayList<>();
        if (lab.sites().isEmpty()) {
            problems.add("sites: none (expected: at least one site)");
        }
        if (lab.links().size() > LabAddresses.MAX_LINKS) {
            problems.add("links: " + lab.links().size() + " (expected: at most " + LabAddresses.MAX_LINKS
                    + ", one 198.19.<n>.0/30 underlay subnet each)");
        }
        checkSubnets(lab.sites(), problems);
        checkNodes(lab.sites(), problems);
        List<String> endpoints = new ArrayList<>();
        for (Site site : lab.sites()) {
            endpoints.add(site.socket());
        }
        endpoints.add(LabNames.POP);
        checkLinks(lab.links(), endpoints, problems);
        return List.copyOf(problems);
    }

    private static void checkSubnets(List<Site> sites, List<String> problems) {
        List<Ipv4Prefix> seen = new ArrayList<>();
        List<String> seenSite = new ArrayList<>();
        for (Site site : sites) {
            if (site.subnets().isEmpty()) {
                problems.add("site '" + site.name() + "': no subnet (expected: at least one, in "
                        + LabAddresses.LAB_RANGE + ")");
                continue;
            }
            Ipv4Prefix first = site.subnets().getFirst();
            if (first.length() > LabAddresses.LONGEST_SITE_PREFIX) {
                problems.add("site '" + site.name() + "': subnet " + first + " is too small for the socket at ."
                        + LabAddresses.SOCKET_OFFSET + " and the host at ." + LabAddresses.HOST_OFFSET
                        + " (expected: /" + LabAddresses.LONGEST_SITE_PREFIX + " or larger)");
            }
            for (Ipv4Prefix subnet : site.subnets()) {
                if (!LabAddresses.LAB_RANGE.contains(subnet.first()) || subnet.length() < LabAddresses.LAB_RANGE.length()) {
                    problems.add("site '" + site.name() + "': subnet " + subnet + " is outside "
                            + LabAddresses.LAB_RANGE + " (the lab only uses that range, reserved for benchmarking)");
                    continue;
                }
                if (subnet.overlaps(LabAddresses.UNDERLAY_RANGE)) {
                    problems.add("site '" + site.name() + "': subnet " + subnet + " overlaps "
                            + LabAddresses.UNDERLAY_RANGE + " (reserved for the underlay links; expected: a subnet of 198.18.0.0/16)");
                    continue;
                }
                for (int i = 0; i < seen.size(); i++) {
                    if (seen.get(i).overlaps(subnet)) {
                        problems.add("site '" + site.name() + "': subnet " + subnet + " overlaps " + seen.get(i)
                                + " of site '" + seenSite.get(i) + "' (expected: disjoint subnets)");
                    }
                }
                seen.add(subnet);
                seenSite.add(site.name());
            }
        }
    }

    /** Checks that every node name is valid and names one node only. */
    private static void checkNodes(List<Site> sites, List<String> problems) {
        Map<String, String> nodes = new LinkedHashMap<>();
        addNode(nodes, LabNames.POP, "the PoP", problems);
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            addNode(nodes, TopologyPlanner.hostName(i, site), "host of site '" + site.name() + "'", problems);
            addNode(nodes, site.socket(), "socket of site '" + site.name() + "'", problems);
        }
    }

    private static void addNode(Map<String, String> nodes, String name, String what, List<String> problems) {
        String problem = LabNames.nodeNameProblem(name);
        if (problem != null) {
            problems.add(what + ": " + problem);
            return;
        }
        String earlier = nodes.putIfAbsent(name, what);
        if (earlier != null) {
            problems.add("node '" + name + "' is both the " + stripThe(earlier) + " and the " + stripThe(what)
                    + " (expected: one node per name)");
        }
    }

    private static String stripThe(String what) {
        return what.startsWith("the ") ? what.substring(4) : what;
    }

    private static void checkLinks(List<LinkSpec> links, List<String> endpoints, List<String> problems) {
        Set<String> linkNames = new HashSet<>();
        Map<String, String> devices = new HashMap<>();
        for (LinkSpec link : links) {
            if (link.name().isEmpty()) {
                problems.add("link from '" + link.from() + "' to '" + link.to() + "': empty name (expected: a name)");
                continue;
            }
            if (!linkNames.add(link.name())) {
                problems.add("link '" + link.name() + "' appears twice (expected: unique link names)");
                continue;
            }
            boolean endsOk = checkEnd(link, link.from(), endpoints, problems) & checkEnd(link, link.to(), endpoints, problems);
            if (!endsOk) {
                continue;
            }
            if (link.from().equals(link.to())) {
                problems.add("link '" + link.name() + "': both ends are '" + link.from() + "' (expected: two different nodes)");
                continue;
            }
            String device = LabNames.linkDevice(link.name());
            for (String node : List.of(link.from(), link.to())) {
                String other = devices.putIfAbsent(node + "/" + device, link.name());
                if (other != null) {
                    problems.add("links '" + other + "' and '" + link.name() + "' both become interface '" + device
                            + "' on " + node + " (interface names are cut to " + LabNames.MAX_INTERFACE
                            + " characters; expected: names that differ early)");
                }
            }
        }
    }

    private static boolean checkEnd(LinkSpec link, String end, List<String> endpoints, List<String> problems) {
        if (endpoints.contains(end)) {
            return true;
        }
        problems.add("link '" + link.name() + "': endpoint '" + end + "' (expected: one of " + endpoints + ")");
        return false;
    }
}
