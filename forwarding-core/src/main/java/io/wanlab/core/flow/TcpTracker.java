package io.wanlab.core.flow;

/**
 * The TCP state bits a flow keeps, and how a segment's flags move them. Just enough to pick the
 * idle timeout and the eviction order; it does not check sequence numbers.
 */
public final class TcpTracker {
    /** The initiator sent a SYN without ACK. */
    public static final int SYN_SEEN = 1;
    /** The responder answered with SYN+ACK. */
    public static final int SYN_ACK_SEEN = 1 << 1;
    /** The initiator acknowledged the SYN+ACK, or the flow was picked up mid-stream with ACKs both ways. */
    public static final int ESTABLISHED = 1 << 2;
    public static final int FIN_SEEN = 1 << 3;
    public static final int RST_SEEN = 1 << 4;
    /** The initiator sent a FIN (with {@link #FIN_SEEN}). */
    public static final int FIN_FORWARD = 1 << 5;
    /** The responder sent a FIN (with {@link #FIN_SEEN}). */
    public static final int FIN_REVERSE = 1 << 6;
    /** A FIN each way: the connection is over, and a new SYN on its 5-tuple is a new connection. */
    public static final int FIN_BOTH = FIN_FORWARD | FIN_REVERSE;
    /** Either FIN or RST: the flow is closing and gets the short timeout. */
    public static final int CLOSING = FIN_SEEN | RST_SEEN;
    /** Every bit above; anything outside it is rejected by {@link FlowTable#setTcpBits}. */
    public static final int ALL = SYN_SEEN | SYN_ACK_SEEN | ESTABLISHED | FIN_SEEN | RST_SEEN | FIN_FORWARD | FIN_REVERSE;

    /** TCP header flag bits, as in the flags byte of the header. */
    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_SYN = 0x02;
    public static final int FLAG_RST = 0x04;
    public static final int FLAG_ACK = 0x10;

    private TcpTracker() {
    }

    /** Whether the connection these bits describe is over: reset, or closed with a FIN each way. */
    public static boolean ended(int bits) {
        return (bits & RST_SEEN) != 0 || (bits & FIN_BOTH) == FIN_BOTH;
    }

    /**
     * The bits after one segment.
     *
     * @param bits               the flow's bits before the segment
     * @param tcpFlags           the segment's flags byte
     * @param forward            whether the segment travels in the initiator's direction
     * @param otherDirectionSeen whether any packet went the other way before
     */
    public static int update(int bits, int tcpFlags, boolean forward, boolean otherDirectionSeen) {
        if ((tcpFlags & FLAG_RST) != 0) {
            bits |= RST_SEEN;
        }
        if ((tcpFlags & FLAG_FIN) != 0) {
            bits |= FIN_SEEN | (forward ? FIN_FORWARD : FIN_REVERSE);
        }
        boolean ack = (tcpFlags & FLAG_ACK) != 0;
        if ((tcpFlags & FLAG_SYN) != 0) {
            if (forward && !ack) {
                return bits | SYN_SEEN;
            }
            return !forward && ack ? bits | SYN_ACK_SEEN : bits;
        }
        if (!ack || (bits & ESTABLISHED) != 0) {
            return bits;
        }
        if (forward && (bits & SYN_ACK_SEEN) != 0) {
            return bits | ESTABLISHED;
        }
        // Picked up mid-stream (after an eviction or a restart): ACKs both ways mean it was open.
        if ((bits & SYN_SEEN) == 0 && otherDirectionSeen) {
            return bits | ESTABLISHED;
        }
        return bits;
    }
}
