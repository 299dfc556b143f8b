package io.wanlab.core.topo;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;

/** Lab files built in code for topology tests: the default two-site lab and variations. */
final class TopoLabs {
    private TopoLabs() {
    }

    static Site site(String name, String socket, String... subnets) {
        List<Ipv4Prefix> prefixes = new ArrayList<>();
        for (String s : subnets) {
            prefixes.add(Ipv4Prefix.parse(s));
        }
        return new Site(name, prefixes, socket, Location.BUILT_IN);
    }

    static LinkSpec link(String name, LinkKind kind, String from, String to) {
        return new LinkSpec(name, kind, from, to, Location.BUILT_IN);
    }

    static List<Site> defaultSites() {
        return List.of(site("site-a", "socket-a", "198.18.1.0/24"), site("site-b", "socket-b", "198.18.2.0/24"));
    }

    static List<LinkSpec> defaultLinks() {
        return List.of(
                link("cato-a", LinkKind.CATO, "socket-a", "pop"),
                link("cato-b", LinkKind.CATO, "socket-b", "pop"),
                link("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b"),
                link("alt-wan", LinkKind.ALT_WAN, "socket-a", "socket-b"));
    }

    static LabFile lab(List<Site> sites, List<LinkSpec> links) {
        return new LabFile("default", sites, links, new Account(true), List.of(), List.of());
    }

    static LabFile defaultLab() {
        return lab(defaultSites(), defaultLinks());
    }
}
