package io.wanlab.core.rules;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.Application;
import io.wanlab.core.lab.DomainPattern;
import io.wanlab.core.lab.EndpointMatch;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Service;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.List;

/** Lab files built in code, so rule tests do not depend on the YAML loader. */
final class TestLabs {
    static final List<Site> SITES = List.of(
            new Site("site-a", List.of(Ipv4Prefix.parse("198.18.1.0/24")), "socket-a", Location.BUILT_IN),
            new Site("site-b", List.of(Ipv4Prefix.parse("198.18.2.0/24")), "socket-b", Location.BUILT_IN));
    static final List<LinkSpec> LINKS = List.of(
            new LinkSpec("cato-a", LinkKind.CATO, "socket-a", "pop", Location.BUILT_IN),
            new LinkSpec("cato-b", LinkKind.CATO, "socket-b", "pop", Location.BUILT_IN),
            new LinkSpec("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b", Location.BUILT_IN));
    static final List<Application> APPS = List.of(
            new Application("crm", "business", List.of(new DomainPattern("crm.site-b.lab"),
                    new DomainPattern("*.crm.site-b.lab")), Location.BUILT_IN),
            new Application("intranet-web", "web", List.of(new DomainPattern("app.site-b.lab")), Location.BUILT_IN));

    private TestLabs() {
    }

    static NetworkRule complexCrm() {
        return new NetworkRule("CRM over Cato", true, List.of(new EndpointMatch.SiteRef("site-a")),
                List.of(new EndpointMatch.SiteRef("site-b")), Service.ANY, List.of("crm"), List.of(), List.of(),
                Transport.CATO, Transport.NONE, Location.BUILT_IN);
    }

    static NetworkRule simpleDirect(Transport direct) {
        return new NetworkRule("Site A to Site B over " + direct, true, List.of(new EndpointMatch.SiteRef("site-a")),
                List.of(new EndpointMatch.SiteRef("site-b")), Service.ANY, List.of(), List.of(), List.of(),
                direct, Transport.CATO, Location.BUILT_IN);
    }

    static LabFile lab(boolean tlsInspection, List<NetworkRule> rules) {
        return new LabFile("test", SITES, LINKS, new Account(tlsInspection), APPS, rules);
    }

    static LabFile bug(Transport direct) {
        return lab(true, List.of(complexCrm(), simpleDirect(direct)));
    }

    static LabFile fixed(Transport direct) {
        return lab(true, List.of(simpleDirect(direct), complexCrm()));
    }
}
