package io.wanlab.core.event;

import static java.util.Objects.requireNonNull;

/**
 * One line of a node's events.jsonl. Every event carries the epoch time in milliseconds and the
 * node that saw it; fields are plain strings and numbers (transports by their lab-file labels,
 * addresses as dotted quads) so this package depends on nothing else. String fields are never
 * null unless their record says so. A {@code ruleIndex} is the rule's position as the rule
 * engine reports it, -1 when no rule applies. {@link EventJson} writes them and reads them back.
 */
public sealed interface Event {
    long timeMillis();

    String node();

    /** The kebab-case name the JSON {@code type} field carries. */
    default String type() {
        return switch (this) {
            case FlowCreated e -> "flow-created";
            case FlowDecided e -> "flow-decided";
            case FlowUndecided e -> "flow-undecided";
            case AppIdentified e -> "app-identified";
            case AppGaveUp e -> "app-gave-up";
            case FlowSwitched e -> "flow-switched";
            case PacketDropped e -> "packet-dropped";
            case FlowExpired e -> "flow-expired";
            case FlowEvicted e -> "flow-evicted";
            case FlowReplaced e -> "flow-replaced";
            case LinkUp e -> "link-up";
            case LinkDown e -> "link-down";
            case LinkImpaired e -> "link-impaired";
            case ProxyLeg e -> "proxy-leg";
            case ResetSeen e -> "reset-seen";
            case NodeReady e -> "node-ready";
            case ServerTls e -> "server-tls";
        };
    }

    /** A flow's first packet made a table entry; the 5-tuple is the forward direction. */
    record FlowCreated(long timeMillis, String node, long flowId, String protocol,
                       String srcAddr, int srcPort, String dstAddr, int dstPort) implements Event {
        public FlowCreated {
            requireNonNull(node, "node");
            requireNonNull(protocol, "protocol");
            requireNonNull(srcAddr, "srcAddr");
            requireNonNull(dstAddr, "dstAddr");
            EventChecks.port("srcPort", srcPort);
            EventChecks.port("dstPort", dstPort);
        }
    }

    /** A simple rule (or a complex one, now identified) decided the flow's transport. */
    record FlowDecided(long timeMillis, String node, long flowId, int ruleIndex, String ruleName,
                       String transport, String reason) implements Event {
        public FlowDecided {
            requireNonNull(node, "node");
            requireNonNull(ruleName, "ruleName");
            requireNonNull(transport, "transport");
            requireNonNull(reason, "reason");
        }
    }

    /** The first L3/L4 match is a complex rule: the flow waits for payload, on the cato transport. */
    record FlowUndecided(long timeMillis, String node, long flowId, int blockingRuleIndex, String ruleName,
                         String explanation) implements Event {
        public FlowUndecided {
            requireNonNull(node, "node");
            requireNonNull(ruleName, "ruleName");
            requireNonNull(explanation, "explanation");
        }
    }

    /**
     * Payload named the flow's server. {@code kind} says how (for example "tls-sni",
     * "http-host"); {@code application} and {@code category} are null when the catalog has no
     * entry for the server name.
     */
    record AppIdentified(long timeMillis, String node, long flowId, String kind, String serverName,
                         String application, String category) implements Event {
        public AppIdentified {
            requireNonNull(node, "node");
            requireNonNull(kind, "kind");
            requireNonNull(serverName, "serverName");
        }
    }

    /** Identification stopped without a name (for example: not TLS, too many segments). */
    record AppGaveUp(long timeMillis, String node, long flowId, String reason) implements Event {
        public AppGaveUp {
            requireNonNull(node, "node");
            requireNonNull(reason, "reason");
        }
    }

    /** Re-evaluation moved a live flow to another transport. */
    record FlowSwitched(long timeMillis, String node, long flowId, String fromTransport, String toTransport,
                        int ruleIndex, String ruleName, String explanation) implements Event {
        public FlowSwitched {
            requireNonNull(node, "node");
            requireNonNull(fromTransport, "fromTransport");
            requireNonNull(toTransport, "toTransport");
            requireNonNull(ruleName, "ruleName");
            requireNonNull(explanation, "explanation");
        }
    }

    /** A packet was counted and dropped; {@code reason} is a short stable key, {@code detail} free text. */
    record PacketDropped(long timeMillis, String node, String reason, String detail) implements Event {
        public PacketDropped {
            requireNonNull(node, "node");
            requireNonNull(reason, "reason");
            requireNonNull(detail, "detail");
        }
    }

    /** A flow left the table normally; {@code kind} says why (for example "idle", "fin", "rst"). */
    record FlowExpired(long timeMillis, String node, long flowId, String kind) implements Event {
        public FlowExpired {
            requireNonNull(node, "node");
            requireNonNull(kind, "kind");
        }
    }

    /** A flow was pushed out of a full table. */
    record FlowEvicted(long timeMillis, String node, long flowId) implements Event {
        public FlowEvicted {
            requireNonNull(node, "node");
        }
    }

    /**
     * A SYN opened a new connection on the 5-tuple of a flow the table still held, so that flow
     * ended and {@code newFlowId} starts afresh, with its own decision. {@code reason} says why the
     * old one was over: "rst", "fin" (both ways), "idle" (past its timeout) or "new-isn" (another
     * initial sequence number: the client gave the old connection up without a FIN or RST).
     */
    record FlowReplaced(long timeMillis, String node, long flowId, long newFlowId, String reason) implements Event {
        public FlowReplaced {
            requireNonNull(node, "node");
            requireNonNull(reason, "reason");
        }
    }

    record LinkUp(long timeMillis, String node, String link, String peer) implements Event {
        public LinkUp {
            requireNonNull(node, "node");
            requireNonNull(link, "link");
            requireNonNull(peer, "peer");
        }
    }

    record LinkDown(long timeMillis, String node, String link, String reason) implements Event {
        public LinkDown {
            requireNonNull(node, "node");
            requireNonNull(link, "link");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * What this node's end of {@code link} does to the packets it sends changed: {@code impairment}
     * is the new setting in its text form ({@code delay=30ms loss=1% seed=1}, or {@code none}),
     * {@code source} says who set it ({@code lab file} or {@code control}).
     */
    record LinkImpaired(long timeMillis, String node, String link, String impairment, String source) implements Event {
        public LinkImpaired {
            requireNonNull(node, "node");
            requireNonNull(link, "link");
            requireNonNull(impairment, "impairment");
            requireNonNull(source, "source");
        }
    }

    /**
     * One leg of the PoP's TCP proxy changed state. The PoP has no Socket flow id, so the
     * connection is named by its client-to-server addresses. {@code leg} is "client" or
     * "server"; {@code state} is "established", "opened" or "closed". The two flags are written
     * as 1/0, as the vendor's logs do.
     */
    record ProxyLeg(long timeMillis, String node, String clientAddr, int clientPort, String serverAddr,
                    int serverPort, String leg, String state, String detail, boolean tcpAcceleration,
                    boolean tlsInspection) implements Event {
        public ProxyLeg {
            requireNonNull(node, "node");
            requireNonNull(clientAddr, "clientAddr");
            requireNonNull(serverAddr, "serverAddr");
            requireNonNull(leg, "leg");
            requireNonNull(state, "state");
            requireNonNull(detail, "detail");
            EventChecks.port("clientPort", clientPort);
            EventChecks.port("serverPort", serverPort);
            EventChecks.oneOf("leg", leg, "client", "server");
            EventChecks.oneOf("state", state, "established", "opened", "closed");
        }
    }

    /** A TCP RST was seen; {@code direction} and {@code where} say which way and at which tap. */
    record ResetSeen(long timeMillis, String node, long flowId, String direction, String where) implements Event {
        public ResetSeen {
            requireNonNull(node, "node");
            requireNonNull(direction, "direction");
            requireNonNull(where, "where");
        }
    }

    /** The node finished starting and serves its role ("socket", "pop", "server"). */
    record NodeReady(long timeMillis, String node, String role, String detail) implements Event {
        public NodeReady {
            requireNonNull(node, "node");
            requireNonNull(role, "role");
            requireNonNull(detail, "detail");
        }
    }

    /** What the TLS server stub saw: a handshake, a failed one, or a request (what), with details. */
    record ServerTls(long timeMillis, String node, String peer, String what, String detail) implements Event {
        public ServerTls {
            requireNonNull(node, "node");
            requireNonNull(peer, "peer");
            requireNonNull(what, "what");
            requireNonNull(detail, "detail");
        }
    }
}
