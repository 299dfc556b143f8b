package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.appid.AppIdentifier;
import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.appid.GaveUp;
import io.wanlab.core.appid.Identification;
import io.wanlab.core.appid.Identified;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.flow.FlowState;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.TcpTracker;
import io.wanlab.core.lab.IdentificationLimits;
import io.wanlab.core.lab.NetworkRule;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.packet.DropCounters;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The Socket's per-packet logic (DESIGN 4.1 and 4.3), free of channels and devices: where each
 * packet from the LAN goes, and what a packet from a link means for its flow.
 *
 * <p>Fast path: a packet of a decided flow is one validation and one flow lookup. Slow path:
 * a new flow runs the rule engine; an undecided flow's client payload goes to application
 * identification, then re-evaluation, and the flow switches transport if the decision changes.
 * The packet that completes identification already leaves on the new transport, as the seed's
 * ClientHello does. Replies follow the link on which the flow's latest forward packet arrived.
 *
 * <p>Not thread-safe: one event loop owns an instance, its flow table and its links. After each
 * call, {@link #lastFlowId()}, {@link #lastRuleIndex()} and {@link #lastTransport()} describe the
 * packet, for capture comments.
 */
public final class FlowSteering {
    /** The packet is dropped; the reason is counted. */
    public static final int DROP = -1;
    /** The packet goes to the LAN device. */
    public static final int TO_LAN = -2;

    private final String node;
    private final RuleEngine engine;
    private final FlowTable flows;
    private final SocketLinks links;
    private final ApplicationCatalog catalog;
    private final EventLog events;
    private final LongSupplier nanoClock;
    private final Transport[] secondaryByRule;
    private final PacketView view = new PacketView();
    private final DropCounters drops = new DropCounters();
    private final SteeringCounters counters = new SteeringCounters();
    /** Identification state of undecided TCP flows only, by flow id; decided flows never touch it. */
    private final Map<Long, PendingIdentification> identifying = new HashMap<>();
    private final IdentificationLimits limits;

    private long lastFlowId;
    private int lastRuleIndex;
    private Transport lastTransport;
    private boolean lastRemote;
    private DropReason lastDrop = DropReason.NONE;

    public FlowSteering(String node, RuleEngine engine, FlowTable flows, SocketLinks links, EventLog events,
            LongSupplier nanoClock) {
        this.node = requireNonNull(node, "node");
        this.engine = requireNonNull(engine, "engine");
        this.flows = requireNonNull(flows, "flows");
        this.links = requireNonNull(links, "links");
        this.events = requireNonNull(events, "events");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.catalog = new ApplicationCatalog(engine.lab().applications());
        this.limits = engine.lab().identification();
        List<NetworkRule> rules = engine.lab().rules();
        this.secondaryByRule = new Transport[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            secondaryByRule[i] = rules.get(i).secondary();
        }
        flows.setRemovalListener((table, slot, kind, cause) -> {
            identifying.remove(table.flowId(slot));
            long now = System.currentTimeMillis();
            switch (cause) {
                case EXPIRED -> events.emit(new Event.FlowExpired(now, node, table.flowId(slot), kind.name().toLowerCase()));
                default -> events.emit(new Event.FlowEvicted(now, node, table.flowId(slot)));
            }
        });
    }

    public DropCounters drops() {
        return drops;
    }

    public SteeringCounters counters() {
        return counters;
    }

    public FlowTable flows() {
        return flows;
    }

    public SocketLinks links() {
        return links;
    }

    public long lastFlowId() {
        return lastFlowId;
    }

    public int lastRuleIndex() {
        return lastRuleIndex;
    }

    public Transport lastTransport() {
        return lastTransport;
    }

    /** Why the last packet was dropped ({@link #DROP}), or {@link DropReason#NONE}: for the node's per-path accounting. */
    public DropReason lastDrop() {
        return lastDrop;
    }

    /** Whether the last packet's flow was started by the peer site (the remote Socket decided it). */
    public boolean lastRemote() {
        return lastRemote;
    }

    /**
     * A packet the LAN device handed us (its readable bytes). Does not release it.
     *
     * @return the link index to send it on, or {@link #DROP}
     */
    public int fromLan(ByteBuf packet) {
        lastRemote = false;
        lastFlowId = -1;
        lastRuleIndex = -1;
        lastTransport = null;
        lastDrop = view.wrap(packet, packet.readerIndex(), packet.readableBytes(), drops);
        if (lastDrop != DropReason.NONE) {
            counters.lanDropped++;
            return DROP;
        }
        counters.lanPackets++;
        int src = view.srcAddress();
        int dst = view.dstAddress();
        int proto = view.protocol();
        int sport = flowPort(true);
        int dport = flowPort(false);
        long now = nanoClock.getAsLong();
        int slot = flows.lookup(src, dst, proto, sport, dport);
        long ended = -1;
        String endedWhy = slot >= 0 ? newConnection(slot, now) : null;
        if (endedWhy != null) {
            ended = endFlow(slot);
            slot = -1;
        }
        boolean created = false;
        if (slot < 0) {
            slot = flows.lookupOrCreate(src, dst, proto, sport, dport, now);
            created = true;
        }
        if (endedWhy != null) {
            replaced(ended, slot, endedWhy);
        }
        boolean forward = created || flows.isForward(slot, src, sport);
        flows.touch(slot, now, forward, view.totalLength());
        if (view.isTcp()) {
            flows.onTcpSegment(slot, view.tcp().flags(), forward);
            noteSyn(slot, forward);
            if (view.tcp().isRst()) {
                noteReset(slot, forward ? "lan-forward" : "lan-reply");
            }
        }
        lastFlowId = flows.flowId(slot);
        lastRemote = flows.forwardLink(slot) >= 0;
        if (!forward) {
            // A reply to a flow that came in over a link: back the way its latest packet came.
            int link = flows.forwardLink(slot);
            lastRuleIndex = flows.ruleIndex(slot);
            lastTransport = link >= 0 ? links.link(link).kind().transport() : null;
            return link >= 0 && links.isUp(link) ? link : noRoute();
        }
        FlowState state = created ? FlowState.NEW : flows.state(slot);
        if (state == FlowState.NEW) {
            decideFirst(slot, src, dst, proto, sport, dport);
        } else if (state == FlowState.UNDECIDED) {
            identify(slot, src, dst, proto, sport, dport, true);
        }
        Transport t = flows.transport(slot);
        int rule = flows.ruleIndex(slot);
        lastRuleIndex = rule;
        lastTransport = t;
        int link = links.route(t, rule >= 0 ? secondaryByRule[rule] : Transport.NONE);
        return link >= 0 ? link : noRoute();
    }

    /**
     * A packet that arrived over link {@code link} (its readable bytes). Does not release it.
     *
     * @return {@link #TO_LAN} or {@link #DROP}
     */
    public int fromLink(ByteBuf packet, int link) {
        lastRemote = false;
        lastFlowId = -1;
        lastRuleIndex = -1;
        lastTransport = link >= 0 && link < links.size() ? links.link(link).kind().transport() : null;
        lastDrop = view.wrap(packet, packet.readerIndex(), packet.readableBytes(), drops);
        if (lastDrop != DropReason.NONE) {
            counters.linkDropped++;
            return DROP;
        }
        counters.linkPackets++;
        int src = view.srcAddress();
        int sport = flowPort(true);
        long now = nanoClock.getAsLong();
        int slot = flows.lookup(src, view.dstAddress(), view.protocol(), sport, flowPort(false));
        String endedWhy = slot >= 0 ? newConnection(slot, now) : null;
        long ended = endedWhy != null ? endFlow(slot) : -1;
        slot = flows.lookupOrCreate(src, view.dstAddress(), view.protocol(), sport, flowPort(false), now);
        if (endedWhy != null) {
            replaced(ended, slot, endedWhy);
        }
        boolean forward = flows.isForward(slot, src, sport);
        if (flows.state(slot) == FlowState.NEW && flows.forwardLink(slot) < 0) {
            // First seen from the WAN: the remote Socket decided it; we only keep its return path.
            flows.setState(slot, FlowState.DECIDED);
            flows.setTransport(slot, lastTransport);
            events.emit(created(slot, "link " + links.link(link).name()));
        }
        flows.touch(slot, now, forward, view.totalLength());
        if (forward) {
            flows.setForwardLink(slot, link);
            if (lastTransport != null && flows.transport(slot) != lastTransport && flows.ruleIndex(slot) < 0) {
                // A flow the remote Socket switched: show the transport it arrives on now.
                flows.setTransport(slot, lastTransport);
            }
        } else {
            flows.setReverseLink(slot, link);
        }
        if (view.isTcp()) {
            flows.onTcpSegment(slot, view.tcp().flags(), forward);
            noteSyn(slot, forward);
            if (view.tcp().isRst()) {
                noteReset(slot, forward ? "link-forward" : "link-reply");
            }
            if (!forward && view.payloadLength() > 0 && flows.state(slot) == FlowState.UNDECIDED) {
                serverSpokeFirst(slot);
            }
        }
        lastFlowId = flows.flowId(slot);
        lastRuleIndex = flows.ruleIndex(slot);
        lastRemote = flows.forwardLink(slot) >= 0;
        return TO_LAN;
    }

    /**
     * Why the TCP packet in the view opens a new connection on {@code slot}'s 5-tuple, or null when
     * it belongs to the flow there. Only a SYN without ACK can: the old connection was reset, closed
     * both ways or idle past its timeout, or the SYN carries another ISN than the one recorded (the
     * client gave the old one up unseen). A SYN with the recorded ISN is a retransmission.
     */
    private String newConnection(int slot, long now) {
        if (!view.isTcp() || !view.tcp().isSyn() || view.tcp().isAck()) {
            return null;
        }
        if (flows.isIdle(slot, now)) {
            return "idle";
        }
        int bits = flows.tcpBits(slot);
        boolean fromInitiator = flows.isForward(slot, view.srcAddress(), view.srcPort());
        if (fromInitiator && (bits & TcpTracker.SYN_SEEN) != 0 && flows.synSeq(slot) == view.tcp().seq()) {
            return null;
        }
        if ((bits & TcpTracker.RST_SEEN) != 0) {
            return "rst";
        }
        if ((bits & TcpTracker.FIN_BOTH) == TcpTracker.FIN_BOTH) {
            return "fin";
        }
        return fromInitiator ? "new-isn" : null;
    }

    /** Removes the flow at {@code slot} (and its identification); returns its id. */
    private long endFlow(int slot) {
        long id = flows.flowId(slot);
        identifying.remove(id);
        flows.remove(slot);
        return id;
    }

    private void replaced(long oldId, int slot, String why) {
        counters.replaced++;
        events.emit(new Event.FlowReplaced(System.currentTimeMillis(), node, oldId, flows.flowId(slot), why));
    }

    /** Records the initiator's ISN, so that a retransmitted SYN is told from a new connection's. */
    private void noteSyn(int slot, boolean forward) {
        if (forward && view.tcp().isSyn() && !view.tcp().isAck()) {
            flows.setSynSeq(slot, view.tcp().seq());
        }
    }

    /**
     * A reply with payload on a flow still waiting for the client's: the protocol is one where the
     * server speaks first (SMTP, FTP, a banner), so the client's bytes will name nothing. Identification
     * ends and the rules decide without an application; the client's next packet takes that path.
     */
    private void serverSpokeFirst(int slot) {
        long id = flows.flowId(slot);
        identifying.remove(id);
        counters.gaveUp++;
        events.emit(new Event.AppGaveUp(System.currentTimeMillis(), node, id,
                "the server spoke first (" + view.payloadLength() + " payload bytes before any from the client)"));
        redecide(slot, flows.initiatorIp(slot), flows.responderIp(slot), flows.protocol(slot), flows.initiatorPort(slot),
                flows.responderPort(slot), null, null, null, true);
    }

    private int noRoute() {
        counters.noRoute++;
        lastDrop = DropReason.NO_ROUTE;
        return DROP;
    }

    /** Ports for the flow key: TCP/UDP ports; the echo identifier for ICMP echo; else 0. */
    private int flowPort(boolean source) {
        if (view.isTcp() || view.isUdp()) {
            return source ? view.srcPort() : view.dstPort();
        }
        if (view.isIcmp() && view.icmp().isEcho()) {
            return view.icmp().echoId();
        }
        return 0;
    }

    private void decideFirst(int slot, int src, int dst, int proto, int sport, int dport) {
        counters.newFlows++;
        long now = System.currentTimeMillis();
        long id = flows.flowId(slot);
        events.emit(created(slot, "lan"));
        Decision d = engine.evaluateFirst(src, dst, proto, sport, dport);
        String why = engine.explain(src, dst, proto, sport, dport, false, null, null, null).toString();
        flows.setRuleIndex(slot, d.ruleIndex());
        switch (d) {
            case Decision.Decided decided -> {
                flows.setState(slot, FlowState.DECIDED);
                flows.setTransport(slot, RuleEngine.effective(decided.transport()));
                events.emit(new Event.FlowDecided(now, node, id, d.ruleIndex(), d.ruleName(),
                        decided.transport().label(), why));
            }
            case Decision.Undecided undecided -> {
                counters.undecided++;
                flows.setState(slot, FlowState.UNDECIDED);
                flows.setTransport(slot, undecided.transport());
                events.emit(new Event.FlowUndecided(now, node, id, d.ruleIndex(), d.ruleName(), why));
                if (proto != 6) {
                    // Identification reads TLS and HTTP over TCP; other protocols are decided now.
                    counters.gaveUp++;
                    events.emit(new Event.AppGaveUp(now, node, id, "no TCP payload to identify (protocol " + proto + ")"));
                    redecide(slot, src, dst, proto, sport, dport, null, null, null, false);
                    return;
                }
                identify(slot, src, dst, proto, sport, dport, false);
            }
        }
    }

    /** {@code travelled}: an earlier packet of the flow already left on its undecided transport. */
    private void identify(int slot, int src, int dst, int proto, int sport, int dport, boolean travelled) {
        long id = flows.flowId(slot);
        PendingIdentification pending = identifying.computeIfAbsent(id,
                k -> new PendingIdentification(new AppIdentifier(catalog), limits));
        Identification result = pending.offer(view);
        long now = System.currentTimeMillis();
        switch (result) {
            case Identified found when found.serverName() == null -> {
                // A ClientHello without SNI (curl or openssl to an address): no name, so no application.
                identifying.remove(id);
                counters.gaveUp++;
                events.emit(new Event.AppGaveUp(now, node, id, "tls client hello without a server name (no SNI):"
                        + " no application to identify"));
                redecide(slot, src, dst, proto, sport, dport, null, null, null, travelled);
            }
            case Identified found -> {
                identifying.remove(id);
                counters.identified++;
                events.emit(new Event.AppIdentified(now, node, id, found.kind().name().toLowerCase(), found.serverName(),
                        found.application(), found.category()));
                redecide(slot, src, dst, proto, sport, dport, found.application(), found.category(), found.serverName(), travelled);
            }
            case GaveUp gaveUp -> {
                identifying.remove(id);
                counters.gaveUp++;
                events.emit(new Event.AppGaveUp(now, node, id, gaveUp.reason()));
                redecide(slot, src, dst, proto, sport, dport, null, null, null, travelled);
            }
            default -> {
            }
        }
    }

    /**
     * Decides an undecided flow. It is a switch only if a packet of it already {@code travelled}
     * on the old transport: a flow decided on its first packet never moved.
     */
    private void redecide(int slot, int src, int dst, int proto, int sport, int dport,
            String application, String category, String serverName, boolean travelled) {
        Transport before = flows.transport(slot);
        Decision.Decided d = engine.reevaluate(src, dst, proto, sport, dport, application, category, serverName);
        String why = engine.explain(src, dst, proto, sport, dport, true, application, category, serverName).toString();
        long now = System.currentTimeMillis();
        long id = flows.flowId(slot);
        flows.setState(slot, FlowState.DECIDED);
        flows.setRuleIndex(slot, d.ruleIndex());
        Transport after = RuleEngine.effective(d.transport());
        flows.setTransport(slot, after);
        events.emit(new Event.FlowDecided(now, node, id, d.ruleIndex(), d.ruleName(), d.transport().label(), why));
        if (travelled && RuleEngine.switches(before, d)) {
            counters.switched++;
            events.emit(new Event.FlowSwitched(now, node, id, before.label(), after.label(), d.ruleIndex(), d.ruleName(), why));
        }
    }

    private Event created(int slot, String from) {
        return new Event.FlowCreated(System.currentTimeMillis(), node, flows.flowId(slot), protocolName(view.protocol()),
                io.wanlab.core.net.Ipv4.format(view.srcAddress()), flowPort(true),
                io.wanlab.core.net.Ipv4.format(view.dstAddress()), flowPort(false));
    }

    private void noteReset(int slot, String direction) {
        counters.resets++;
        events.emit(new Event.ResetSeen(System.currentTimeMillis(), node, flows.flowId(slot), direction, node));
    }

    private static String protocolName(int proto) {
        return switch (proto) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> Integer.toString(proto);
        };
    }
}
