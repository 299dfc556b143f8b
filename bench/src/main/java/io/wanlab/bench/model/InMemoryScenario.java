package io.wanlab.bench.model;

import io.wanlab.core.event.Event;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.net.Ipv4;
import java.util.List;

/**
 * One seed scenario on the in-memory model: a client's SYN, handshake ACK and ClientHello go
 * through Socket A's {@link FlowSteering}, and the links they leave on are observed. What the
 * server's kernel then does (the RST) is the live lab's to show, not this model's.
 */
public record InMemoryScenario(String name, LabSpec spec, String sni, Transport expectSyn, Transport expectHello,
        String meaning) {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");

    /** The seed's scenarios (the live ones, {@link Scenario#seed()}), as Socket A's decisions alone show them. */
    public static List<InMemoryScenario> seed() {
        List<InMemoryScenario> out = new java.util.ArrayList<>();
        for (Scenario s : Scenario.seed()) {
            Transport direct = Transport.fromLabel(s.direct());
            Transport syn = s.path() == Scenario.PathKind.DIRECT_ON_SYN ? direct : Transport.CATO;
            Transport hello = switch (s.path()) {
                case DIRECT_ON_SYN, SWITCH_AFTER_PROXY, SWITCH_AFTER_PASSTHROUGH -> direct;
                case CLOUD_PROXIED, CLOUD_PASSTHROUGH, CLOUD_INSPECTED_UNTRUSTED -> Transport.CATO;
            };
            out.add(new InMemoryScenario(s.name(), s.spec(), s.route().serverName(), syn, hello,
                    s.meaning() + (s.expect() == Scenario.Expect.RESET ? " (RST expected live)" : "")));
        }
        return List.copyOf(out);
    }

    /** What Socket A did with the flow. */
    public record Observation(InMemoryScenario scenario, Transport syn, Transport hello, boolean switched, String switchEvent) {
        public boolean pass() {
            return syn == scenario.expectSyn() && hello == scenario.expectHello()
                    && switched == (scenario.expectSyn() != scenario.expectHello());
        }
    }

    public Observation run() {
        SocketModel.Decisions d = SocketModel.connect(spec.load(), CLIENT, SERVER, 443, sni);
        Event.FlowSwitched sw = d.switched();
        String detail = sw == null ? "" : sw.fromTransport() + " -> " + sw.toTransport() + " by rule #" + (sw.ruleIndex() + 1);
        return new Observation(this, d.syn(), d.hello(), sw != null, detail);
    }
}
