package io.wanlab.bench.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments of one TCP connection in capture order, the first {@value #KEPT} of them: every
 * signature is about the handshake and the client's first bytes, so a long transfer costs no memory.
 */
final class Connection {
    static final int KEPT = 256;
    private final List<Segment> segments = new ArrayList<>();
    private long total;

    void add(Segment s) {
        total++;
        if (segments.size() < KEPT) {
            segments.add(s);
        }
    }

    List<Segment> segments() {
        return segments;
    }

    long total() {
        return total;
    }

    /** A SYN without ACK with another ISN than this connection's own: the tuple was reused by a new connection. */
    boolean isNewConnection(Segment s) {
        if (!s.syn() || s.ack()) {
            return false;
        }
        for (Segment old : segments) {
            if (old.syn() && !old.ack() && old.from(s.src(), s.srcPort())) {
                return old.seq() != s.seq();
            }
        }
        return segments.stream().anyMatch(Segment::rst) || segments.stream().anyMatch(Segment::hasPayload);
    }

    /**
     * Client to server: the side that sent the SYN; without one, the side that sent a TLS handshake
     * record first; else the side talking to the lower port.
     */
    FlowId orient() {
        Segment first = segments.getFirst();
        for (Segment s : segments) {
            if (s.syn() && !s.ack()) {
                return new FlowId(s.src(), s.srcPort(), s.dst(), s.dstPort());
            }
        }
        for (Segment s : segments) {
            if (s.hasPayload() && (s.payload()[0] & 0xff) == 0x16) {
                return new FlowId(s.src(), s.srcPort(), s.dst(), s.dstPort());
            }
        }
        return first.dstPort() <= first.srcPort() ? new FlowId(first.src(), first.srcPort(), first.dst(), first.dstPort())
                : new FlowId(first.dst(), first.dstPort(), first.src(), first.srcPort());
    }
}
