package io.wanlab.socket;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a Socket's steering did, for status output. Written by the owning event loop only. */
public final class SteeringCounters {
    long lanPackets;
    long lanDropped;
    long linkPackets;
    long linkDropped;
    long noRoute;
    long newFlows;
    long undecided;
    long identified;
    long gaveUp;
    long switched;
    long resets;
    /** Flows ended by a SYN that opened a new connection on their 5-tuple. */
    long replaced;

    public long switched() {
        return switched;
    }

    public long newFlows() {
        return newFlows;
    }

    public long replaced() {
        return replaced;
    }

    public long noRoute() {
        return noRoute;
    }

    /** A copy for status output (allocates; call it off the fast path). */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("lan-packets", lanPackets);
        m.put("lan-dropped", lanDropped);
        m.put("link-packets", linkPackets);
        m.put("link-dropped", linkDropped);
        m.put("no-route", noRoute);
        m.put("new-flows", newFlows);
        m.put("undecided", undecided);
        m.put("identified", identified);
        m.put("gave-up", gaveUp);
        m.put("switched", switched);
        m.put("resets", resets);
        m.put("replaced", replaced);
        return m;
    }
}
