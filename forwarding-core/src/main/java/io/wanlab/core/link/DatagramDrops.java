package io.wanlab.core.link;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Datagrams of a UDP link that carried nothing on, by reason: mostly ones that reached the link's
 * socket (a TCP link closes on a bad frame instead, and says why), and frames that could not be
 * made into a datagram. One per link end, kept across the end's channels; owned by its event loop.
 */
public final class DatagramDrops {
    /** Why a datagram was dropped. */
    public enum Reason {
        /** Not a frame: too short, a length that disagrees with its size, or larger than a datagram body may be. */
        UNDECODABLE,
        /** Data or a keepalive before the peer's Hello was accepted. */
        BEFORE_HANDSHAKE,
        /** A frame a datagram link never carries (a TCP handshake's Challenge). */
        UNEXPECTED_FRAME,
        /** The socket reported an error instead of a datagram (an ICMP error for an earlier one, while the peer is not up). */
        SOCKET_ERROR,
        /** A frame this end could not put in a datagram (larger than a datagram body may be); its packets are lost. */
        UNENCODABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final long[] counts = new long[Reason.values().length];

    public void count(Reason reason) {
        counts[reason.ordinal()]++;
    }

    /** The reasons with a count above zero, by label, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            if (counts[r.ordinal()] > 0) {
                out.put(r.label(), counts[r.ordinal()]);
            }
        }
        return out;
    }
}
