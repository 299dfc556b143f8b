package io.wanlab.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The indexed engine must agree with the plain first-match walk of DESIGN 4.1 on random rulebases. */
class RuleEngineModelTest {

    @ParameterizedTest(name = "{index}: seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void indexedEvaluationEqualsLinearReference(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<NetworkRule> rules = new ArrayList<>();
        int count = 50 + rnd.nextInt(400);
        for (int i = 0; i < count; i++) {
            rules.add(randomRule(rnd, i));
        }
        LabFile lab = TestLabs.lab(true, rules);
        RuleEngine engine = RuleEngine.compile(lab);
        String[] apps = {null, "crm", "intranet-web"};
        String[] hosts = {null, "crm.site-b.lab", "x.crm.site-b.lab", "app.site-b.lab", "other.lab"};

        for (int k = 0; k < 20_000; k++) {
            int src = randomAddress(rnd);
            int dst = randomAddress(rnd);
            int proto = new int[] {1, 6, 17, 47}[rnd.nextInt(4)];
            int port = (proto == 6 || proto == 17) ? randomPort(rnd) : 0;
            int expectedFirst = reference(lab, src, dst, proto, port, false, null, null);
            Decision first = engine.evaluateFirst(src, dst, proto, 1000, port);
            assertThat(first.ruleIndex()).as("first packet, case %d", k).isEqualTo(expectedFirst);
            assertThat(first instanceof Decision.Undecided)
                    .isEqualTo(expectedFirst >= 0 && lab.rules().get(expectedFirst).isComplex());

            String app = apps[rnd.nextInt(apps.length)];
            String host = hosts[rnd.nextInt(hosts.length)];
            int expectedLater = reference(lab, src, dst, proto, port, true, app, host);
            assertThat(engine.reevaluate(src, dst, proto, 1000, port, app, null, host).ruleIndex())
                    .as("re-evaluation, case %d", k).isEqualTo(expectedLater);
        }
    }

    /** DESIGN 4.1 as a plain loop over the model records. */
    static int reference(LabFile lab, int src, int dst, int proto, int port, boolean identified, String app, String host) {
        for (int i = 0; i < lab.rules().size(); i++) {
            NetworkRule r = lab.rules().get(i);
            if (!r.enabled() || !matches(lab, r.source(), src) || !matches(lab, r.destination(), dst)
                    || !r.service().matches(proto, port)) {
                continue;
            }
            if (!r.isComplex() || !identified) {
                return i;
            }
            String category = app == null ? null : lab.application(app).map(a -> a.category()).orElse(null);
            boolean payload = (app != null && r.applications().contains(app))
                    || (category != null && r.categories().contains(category))
                    || (host != null && r.domains().stream().anyMatch(d -> d.matches(host)));
            if (payload) {
                return i;
            }
        }
        return -1;
    }

    static boolean matches(LabFile lab, List<EndpointMatch> criteria, int ip) {
        if (criteria.isEmpty()) {
            return true;
        }
        for (EndpointMatch m : criteria) {
            boolean hit = switch (m) {
                case EndpointMatch.Any a -> true;
                case EndpointMatch.SiteRef s -> lab.site(s.site()).orElseThrow().contains(ip);
                case EndpointMatch.Subnet s -> s.prefix().contains(ip);
                case EndpointMatch.Host h -> h.address() == ip;
                case EndpointMatch.IpRange r -> Integer.compareUnsigned(ip, r.first()) >= 0
                        && Integer.compareUnsigned(ip, r.last()) <= 0;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static NetworkRule randomRule(SplittableRandom rnd, int i) {
        Service service = switch (rnd.nextInt(4)) {
            case 0 -> Service.ANY;
            case 1 -> new Service(Protocol.ICMP, List.of());
            case 2 -> new Service(Protocol.TCP, randomPorts(rnd));
            default -> new Service(Protocol.UDP, randomPorts(rnd));
        };
        List<String> apps = rnd.nextInt(4) == 0 ? List.of(rnd.nextBoolean() ? "crm" : "intranet-web") : List.of();
        List<String> cats = rnd.nextInt(8) == 0 ? List.of("web") : List.of();
        List<io.wanlab.core.lab.DomainPattern> domains = rnd.nextInt(8) == 0
                ? List.of(new io.wanlab.core.lab.DomainPattern("*.crm.site-b.lab")) : List.of();
        return new NetworkRule("r" + i, rnd.nextInt(10) != 0, randomEndpoints(rnd), randomEndpoints(rnd), service,
                apps, cats, domains, Transport.values()[rnd.nextInt(3)], Transport.NONE, Location.BUILT_IN);
    }

    private static List<PortRange> randomPorts(SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            return List.of();
        }
        List<PortRange> out = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            int a = randomPort(rnd);
            out.add(rnd.nextBoolean() ? PortRange.single(a) : new PortRange(a, Math.min(65535, a + rnd.nextInt(2000))));
        }
        return out;
    }

    private static List<EndpointMatch> randomEndpoints(SplittableRandom rnd) {
        int kind = rnd.nextInt(7);
        return switch (kind) {
            case 0 -> List.of();
            case 1 -> List.of(new EndpointMatch.Any());
            case 2 -> List.of(new EndpointMatch.SiteRef(rnd.nextBoolean() ? "site-a" : "site-b"));
            case 3 -> List.of(new EndpointMatch.Host(randomAddress(rnd)));
            case 4 -> List.of(new EndpointMatch.Subnet(new Ipv4Prefix(randomAddress(rnd), 8 + rnd.nextInt(25))));
            case 5 -> {
                int a = randomAddress(rnd);
                int b = randomAddress(rnd);
                yield List.of(Integer.compareUnsigned(a, b) <= 0 ? new EndpointMatch.IpRange(a, b) : new EndpointMatch.IpRange(b, a));
            }
            default -> List.of(new EndpointMatch.Host(randomAddress(rnd)),
                    new EndpointMatch.Subnet(new Ipv4Prefix(randomAddress(rnd), 16 + rnd.nextInt(17))));
        };
    }

    /** Mostly inside the lab's range, so that rules and packets actually meet. */
    private static int randomAddress(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt();
            case 1 -> 0xC6120100 | rnd.nextInt(4); // 198.18.1.0-3
            case 2 -> 0xC6120200 | rnd.nextInt(16); // 198.18.2.x
            default -> 0xC6120000 | rnd.nextInt(1 << 17); // 198.18.0.0/15
        };
    }

    private static int randomPort(SplittableRandom rnd) {
        return rnd.nextBoolean() ? new int[] {0, 53, 80, 443, 8080, 65535}[rnd.nextInt(6)] : rnd.nextInt(65536);
    }
}
