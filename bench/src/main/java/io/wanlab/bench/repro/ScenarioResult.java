package io.wanlab.bench.repro;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One scenario run with one client, as report.json, junit.xml and report.html show it.
 *
 * @param name     scenario name, e.g. bug-off-cloud
 * @param client   builtin or curl
 * @param expected expected client outcome, e.g. "reset" or "ok"
 * @param observed what the client saw, e.g. "reset-during-handshake (curl: (35) Recv failure...)" or "ok (200, 120 B)"
 * @param pass     whether the observation AND the evidence match the expectation
 * @param path     the path the flow took, e.g. "SYN: socket-a > cato > pop (proxy); ClientHello: socket-a > off-cloud > socket-b"
 * @param evidence what the captures and events showed, one finding per line; a failed check starts with "MISSING: "
 * @param elapsedMillis wall time of this scenario run
 * @param ladder   the flow's packets across the nodes, in time order
 * @param phase    "" for repro; "before" or "after" (the fix) for verify
 * @param rules    the rules the scenario is about, e.g. {@code #1 "CRM over Cato" (complex) above #2 ...}
 * @param predicted the path the flow was predicted to take, e.g. "SYN proxied by the PoP, ClientHello switched direct"
 * @param lanes    the ladder's lanes, left to right (client host, its Socket, pop, the server's Socket, server host)
 */
public record ScenarioResult(String name, String client, String expected, String observed, boolean pass, String path,
        List<String> evidence, long elapsedMillis, List<LadderStep> ladder, String phase, String rules, String predicted,
        List<String> lanes) {

    /** A repro result of the seed's lab: no phase, the seed's lanes. */
    public ScenarioResult(String name, String client, String expected, String observed, boolean pass, String path,
            List<String> evidence, long elapsedMillis, List<LadderStep> ladder) {
        this(name, client, expected, observed, pass, path, evidence, elapsedMillis, ladder, "", "", "", LadderSvg.LANES);
    }

    public ScenarioResult {
        requireNonNull(phase, "phase");
        requireNonNull(rules, "rules");
        requireNonNull(predicted, "predicted");
        lanes = List.copyOf(requireNonNull(lanes, "lanes"));
        requireNonNull(name, "name");
        requireNonNull(client, "client");
        requireNonNull(expected, "expected");
        requireNonNull(observed, "observed");
        requireNonNull(path, "path");
        evidence = List.copyOf(requireNonNull(evidence, "evidence"));
        ladder = List.copyOf(requireNonNull(ladder, "ladder"));
    }

    /** The name with its phase: {@code probe-3/after}. */
    public String id() {
        return phase.isEmpty() ? name : name + "/" + phase;
    }
}
