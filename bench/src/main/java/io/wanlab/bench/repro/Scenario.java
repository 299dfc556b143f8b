package io.wanlab.bench.repro;

import io.wanlab.bench.node.LabSpec;
import java.util.List;

/** One of the seed's scenarios: the lab configuration, the name the client asks for, and what must happen. */
public record Scenario(String name, LabSpec spec, String serverName, Expect expect, String direct, String meaning) {

    public enum Expect {
        /** The client's connection is reset during the TLS handshake (the seed's failure). */
        RESET,
        /** The client gets the server's answer. */
        OK;

        public String label() {
            return this == RESET ? "reset" : "ok";
        }
    }

    public static final String APP = "app.site-b.lab";
    public static final String CRM = "crm.site-b.lab";

    /** The scenarios, in order. */
    public static List<Scenario> all() {
        return List.of(
                new Scenario("bug-off-cloud", new LabSpec("bug", "on", "off-cloud"), APP, Expect.RESET, "off-cloud",
                        "complex rule above the simple Off-Cloud rule, TLS inspection on"),
                new Scenario("bug-alt-wan", new LabSpec("bug", "on", "alt-wan"), APP, Expect.RESET, "alt-wan",
                        "the same over Alt-WAN"),
                new Scenario("fix-reorder-off-cloud", new LabSpec("fixed", "on", "off-cloud"), APP, Expect.OK, "off-cloud",
                        "fix 1: simple rule first; decided on the SYN, the PoP never sees the flow"),
                new Scenario("fix-reorder-alt-wan", new LabSpec("fixed", "on", "alt-wan"), APP, Expect.OK, "alt-wan",
                        "fix 1 over Alt-WAN"),
                new Scenario("fix-tls-inspection-off", new LabSpec("bug", "off", "off-cloud"), APP, Expect.OK, "off-cloud",
                        "fix 2: TLS inspection off; the handshake crosses the PoP, then the flow switches direct"),
                new Scenario("app-on-cloud", new LabSpec("bug", "on", "off-cloud"), CRM, Expect.OK, "off-cloud",
                        "the complex rule's own application: stays on cato, through the PoP's proxy"));
    }
}
