package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import java.util.Set;

/**
 * Predicts one probe by running the Socket's own decision code ({@link RuleEngine}, and
 * {@link ApplicationCatalog} on the server name) and the PoP's proxy rule (DESIGN 4.2): the SYN's
 * decision, the decision once the ClientHello is identified, and whether the switch between them
 * resets the connection.
 */
public final class FlowPredictor {
    private FlowPredictor() {
    }

    public static Prediction predict(LabFile lab, Probe p, Set<Integer> proxiedPorts) {
        requireNonNull(lab, "lab");
        requireNonNull(p, "p");
        Set<Integer> ports = LabLint.checkPorts(proxiedPorts);
        Site from = lab.siteOf(p.sourceAddress()).orElseThrow(() -> new IllegalArgumentException(
                "probe " + p.name() + ": source " + Ipv4.format(p.sourceAddress()) + " (expected: an address of a site)"));
        Site to = lab.siteOf(p.destinationAddress()).orElseThrow(() -> new IllegalArgumentException(
                "probe " + p.name() + ": destination " + Ipv4.format(p.destinationAddress()) + " (expected: an address of a site)"));
        RuleEngine engine = RuleEngine.compile(lab);
        int proto = p.protocol().number();
        Decision first = engine.evaluateFirst(p.sourceAddress(), p.destinationAddress(), proto, LabFacts.CLIENT_PORT, p.port());
        RuleRef synRule = ref(lab, first.ruleIndex());
        if (first instanceof Decision.Decided d) {
            Transport t = LabFacts.route(lab, from, to, d);
            if (t == Transport.NONE) {
                return new Prediction(Outcome.NO_ROUTE, synRule, false, synRule, "SYN: no link for " + d.transport(),
                        "decided on the SYN, but " + from.socket() + " has no " + d.transport() + " link to " + to.socket()
                                + " and no usable secondary: dropped.");
            }
            return new Prediction(Outcome.OK, synRule, false, synRule, "SYN: " + t + "; ClientHello: " + t,
                    "decided on the SYN by " + synRule(synRule) + ": the whole flow takes " + t + ".");
        }
        boolean proxied = lab.account().tlsInspection() && proto == LabFacts.TCP && ports.contains(p.port());
        String synPath = "SYN: cato > pop" + (proxied ? " (proxy answers)" : " > server");
        Decision.Decided after = proto == LabFacts.TCP
                ? LabFacts.afterIdentification(engine, new ApplicationCatalog(lab.applications()), p.sourceAddress(),
                        p.destinationAddress(), p.port(), p.sni())
                : engine.reevaluate(p.sourceAddress(), p.destinationAddress(), proto, LabFacts.CLIENT_PORT, p.port(), null, null, null);
        RuleRef finalRule = ref(lab, after.ruleIndex());
        Transport t = LabFacts.route(lab, from, to, after);
        if (t == Transport.NONE) {
            return new Prediction(Outcome.NO_ROUTE, synRule, true, finalRule, synPath + "; ClientHello: no link for "
                    + after.transport(), "identified, then " + synRule(finalRule) + " picks " + after.transport()
                    + ", which has no link from " + from.socket() + " to " + to.socket() + ": dropped.");
        }
        String path = synPath + "; ClientHello: " + (t == Transport.CATO ? "cato > pop" + (proxied ? " (proxy) > server" : " > server") : t);
        if (t == Transport.CATO) {
            return new Prediction(Outcome.OK, synRule, true, finalRule, path,
                    "undecided at " + synRule + ", then " + synRule(finalRule) + " keeps it on cato: no switch.");
        }
        if (proxied) {
            return new Prediction(Outcome.RESET, synRule, true, finalRule, path, "undecided at " + synRule
                    + ", the PoP proxies port " + p.port() + ", then " + synRule(finalRule) + " switches it to " + t
                    + ": the server never saw the SYN and resets it.");
        }
        return new Prediction(Outcome.OK, synRule, true, finalRule, path, "undecided at " + synRule + ", the SYN reached the server "
                + "through the PoP (" + (lab.account().tlsInspection() ? "port " + p.port() + " not proxied" : "TLS inspection off")
                + "), so the switch to " + t + " keeps the connection.");
    }

    private static RuleRef ref(LabFile lab, int index) {
        return index == Decision.DEFAULT_RULE ? null : RuleRef.at(lab, index);
    }

    private static String synRule(RuleRef r) {
        return r == null ? "the default rule (no rule matches: cato)" : r.toString();
    }
}
