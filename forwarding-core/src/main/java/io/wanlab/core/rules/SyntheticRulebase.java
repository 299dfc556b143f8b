package io.wanlab.core.rules;

import io.wanlab.core.lab.EndpointMatch;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.PortRange;
import io.wanlab.core.lab.Protocol;
import io.wanlab.core.lab.Service;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Large rulebases for benchmarks and scale tests: {@code count - 1} rules that do not match
 * site A to site B traffic, then the seed's simple rule (site-a to site-b, off-cloud) last.
 * The filler mixes what real rulebases hold: rules by destination host (198.19.0.0/16), by
 * TCP port (1024 and up, never 443) and by source host, a fifth of them complex.
 */
public final class SyntheticRulebase {
    private SyntheticRulebase() {
    }

    public static LabFile withMatchLast(LabFile base, int count) {
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("rule count: " + count + " (expected: 1..1000000)");
        }
        List<NetworkRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count - 1; i++) {
            rules.add(filler(i));
        }
        rules.add(new NetworkRule("site-a to site-b (last)", true, List.of(new EndpointMatch.SiteRef(siteName(base, 0))),
                List.of(new EndpointMatch.SiteRef(siteName(base, 1))), Service.ANY, List.of(), List.of(), List.of(),
                Transport.OFF_CLOUD, Transport.CATO, Location.BUILT_IN));
        return base.withRules(rules);
    }

    private static String siteName(LabFile base, int i) {
        if (base.sites().size() < 2) {
            throw new IllegalArgumentException("lab '" + base.name() + "': " + base.sites().size() + " sites (expected: at least 2)");
        }
        return base.sites().get(i).name();
    }

    private static NetworkRule filler(int i) {
        int host = 0xC6130000 | (i & 0xffff); // 198.19.x.y
        List<String> apps = i % 5 == 0 ? List.of("filler-app-" + i) : List.of();
        Transport t = i % 2 == 0 ? Transport.ALT_WAN : Transport.CATO;
        return switch (i % 3) {
            case 0 -> new NetworkRule("dst-" + i, true, List.of(), List.of(new EndpointMatch.Host(host)), Service.ANY,
                    apps, List.of(), List.of(), t, Transport.NONE, Location.BUILT_IN);
            case 1 -> new NetworkRule("port-" + i, true, List.of(), List.of(),
                    new Service(Protocol.TCP, List.of(PortRange.single(1024 + (i % 60000)))),
                    apps, List.of(), List.of(), t, Transport.NONE, Location.BUILT_IN);
            default -> new NetworkRule("src-" + i, true, List.of(new EndpointMatch.Subnet(new Ipv4Prefix(host, 32))), List.of(),
                    Service.ANY, apps, List.of(), List.of(), t, Transport.NONE, Location.BUILT_IN);
        };
    }
}
