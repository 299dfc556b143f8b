package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.flow.FlowState;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.packet.PacketView;
import java.util.function.LongSupplier;

/**
 * What the PoP does with each packet (DESIGN 4.2). From a tunnel: with TLS inspection on, a TCP
 * SYN to a proxied port starts a proxied flow, and every packet of a proxied flow goes to the
 * TUN (the PoP's own kernel, where the proxy answers as the server); everything else is routed
 * by destination site. The flow table outlives a reload: with inspection turned off, the packets
 * of a connection the proxy held still go to it, but a new SYN on the same ports starts a flow
 * that passes through. From the TUN: routed by destination. Owned by the PoP's event loop.
 */
public final class PopSteering {
    public static final int DROP = PopRouter.DROP;
    public static final int TO_TUN = -2;
    /** Flow table mark for flows whose packets belong to the PoP's kernel. */
    static final int PROXIED = 1;

    private final PopRouter router;
    private final FlowTable flows;
    private final LongSupplier nanoClock;
    private final boolean[] proxiedPort = new boolean[65536];
    private boolean tlsInspection;
    private long toTun;
    private long passedThrough;
    private long proxiedFlows;

    public PopSteering(PopRouter router, FlowTable flows, boolean tlsInspection, int[] proxiedPorts, LongSupplier nanoClock) {
        this.router = requireNonNull(router, "router");
        this.flows = requireNonNull(flows, "flows");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.tlsInspection = tlsInspection;
        for (int p : proxiedPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("proxied port: " + p + " (expected: 1..65535)");
            }
            proxiedPort[p] = true;
        }
    }

    public PopRouter router() {
        return router;
    }

    public boolean tlsInspection() {
        return tlsInspection;
    }

    /** A packet from tunnel {@code link}: the link to forward it on, {@link #TO_TUN}, or {@link #DROP}. */
    public int fromTunnel(ByteBuf packet, int link) {
        int out = router.route(packet);
        if (out == DROP) {
            return DROP;
        }
        PacketView v = router.view();
        if (!v.isTcp()) {
            passedThrough++;
            return out;
        }
        int slot = flows.lookup(v.srcAddress(), v.dstAddress(), 6, v.srcPort(), v.dstPort());
        boolean syn = v.tcp().isSyn() && !v.tcp().isAck();
        if (slot >= 0 && flows.appState(slot) == PROXIED) {
            if (syn && !tlsInspection) {
                // A new connection on the ports of one the proxy held before inspection was turned off (a reload closed
                // that one): it is not the proxy's. Following the old mark into the PoP's kernel got it reset.
                flows.setAppState(slot, 0);
                passedThrough++;
                return out;
            }
            if (syn && v.tcp().seq() != flows.synSeq(slot)) {
                // Another ISN than the flow's: a new connection on its ports (a client reusing a port), not a retransmit.
                flows.setSynSeq(slot, v.tcp().seq());
                proxiedFlows++;
            }
            flows.touch(slot, nanoClock.getAsLong(), flows.isForward(slot, v.srcAddress(), v.srcPort()), v.totalLength());
            toTun++;
            return TO_TUN;
        }
        if (slot < 0 && tlsInspection && syn && proxiedPort[v.dstPort()]) {
            // TLS inspection enforces the TCP proxy: the PoP's kernel answers this SYN itself.
            flows.setSynSeq(mark(v.srcAddress(), v.srcPort(), v.dstAddress(), v.dstPort()), v.tcp().seq());
            proxiedFlows++;
            toTun++;
            return TO_TUN;
        }
        passedThrough++;
        return out;
    }

    /** A packet the PoP's kernel sent into the TUN: routed by destination site. */
    public int fromTun(ByteBuf packet) {
        return router.route(packet);
    }

    /**
     * The proxy's server leg (bound to the client's address, port {@code sport}) is about to
     * connect: its replies from the server must reach the PoP's kernel too.
     */
    public void registerServerLeg(int src, int sport, int dst, int dport) {
        mark(src, sport, dst, dport);
    }

    private int mark(int src, int sport, int dst, int dport) {
        int slot = flows.lookupOrCreate(src, dst, 6, sport, dport, nanoClock.getAsLong());
        flows.setAppState(slot, PROXIED);
        flows.setState(slot, FlowState.DECIDED);
        return slot;
    }

    public long toTun() {
        return toTun;
    }

    public long passedThrough() {
        return passedThrough;
    }

    /** Connections the proxy took: SYNs that marked a flow, and SYNs with a new ISN on a marked flow's ports. */
    public long proxiedFlows() {
        return proxiedFlows;
    }

    public FlowTable flows() {
        return flows;
    }
}
