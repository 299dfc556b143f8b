package io.wanlab.bench.diagnose;

import java.util.ArrayList;
import java.util.List;

/** Reads the signatures of one connection's segments (DESIGN 1: what each end sees of the failure). */
final class FlowAnalyzer {
    private FlowAnalyzer() {
    }

    /** {@code origin} is the capture's first timestamp, so times read as Wireshark's default column. */
    static FlowReport analyze(Connection c, long origin) {
        FlowId id = c.orient();
        List<Segment> all = c.segments();
        Segment syn = null;
        Segment synAck = null;
        Segment firstPayload = null;
        int firstPayloadAt = -1;
        List<Segment> clientPayload = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Segment s = all.get(i);
            boolean fromClient = s.from(id.client(), id.clientPort());
            if (fromClient && s.syn() && !s.ack() && syn == null) {
                syn = s;
            } else if (!fromClient && s.syn() && s.ack() && synAck == null) {
                synAck = s;
            }
            if (fromClient && s.hasPayload()) {
                clientPayload.add(s);
                if (firstPayload == null) {
                    firstPayload = s;
                    firstPayloadAt = i;
                }
            }
        }
        ClientHelloInfo hello = null;
        List<Finding> findings = new ArrayList<>();
        if (firstPayload != null) {
            long start = syn != null ? (syn.seq() + 1) & 0xffffffffL : firstPayload.seq();
            hello = ClientHelloInfo.read(clientPayload, start);
            Segment rst = firstServerRst(all, firstPayloadAt, id);
            if (rst != null && syn == null && synAck == null && !serverSpokeBefore(all, firstPayloadAt, id)) {
                findings.add(new Finding(Signature.RESET_WITHOUT_SYN, id, seconds(rst, origin),
                        List.of(firstPayload.frame(), rst.frame()),
                        "frame " + firstPayload.frame() + " " + hello.summary() + " arrived with no SYN before it; frame "
                                + rst.frame() + " server RST " + millis(rst.timeNanos() - firstPayload.timeNanos()) + " later"));
            }
            if (rst != null && syn != null && synAck != null) {
                String differs = differences(synAck, rst);
                if (!differs.isEmpty()) {
                    findings.add(new Finding(Signature.HANDSHAKE_WITHOUT_SERVER, id, seconds(rst, origin),
                            List.of(syn.frame(), synAck.frame(), firstPayload.frame(), rst.frame()),
                            "SYN-ACK frame " + synAck.frame() + ", " + hello.summary() + " frame " + firstPayload.frame()
                                    + ", RST frame " + rst.frame() + ": " + differs));
                }
            }
            // The head of the byte stream, not the first segment captured: segments can arrive out of order.
            Segment head = clientPayload.stream().filter(x -> x.seq() == start).findFirst().orElse(firstPayload);
            Finding hole = blackHole(all, all.indexOf(head), head, id, hello, origin);
            if (hole != null) {
                findings.add(hole);
            }
        }
        Segment first = all.getFirst();
        return new FlowReport(id, seconds(first, origin), first.frame(), syn != null, hello, c.total(), findings);
    }

    /** The server's first RST after the client's first payload, if the server sent no payload in between. */
    private static Segment firstServerRst(List<Segment> all, int from, FlowId id) {
        for (int i = from + 1; i < all.size(); i++) {
            Segment s = all.get(i);
            if (s.from(id.client(), id.clientPort())) {
                continue;
            }
            if (s.rst()) {
                return s;
            }
            if (s.hasPayload() || s.fin()) {
                return null;
            }
        }
        return null;
    }

    private static boolean serverSpokeBefore(List<Segment> all, int to, FlowId id) {
        for (int i = 0; i < to; i++) {
            if (!all.get(i).from(id.client(), id.clientPort())) {
                return true;
            }
        }
        return false;
    }

    /** How the RST differs from the SYN-ACK: another TTL, or no timestamp where the handshake negotiated one. */
    private static String differences(Segment synAck, Segment rst) {
        List<String> d = new ArrayList<>();
        if (synAck.ttl() != rst.ttl()) {
            d.add("IP TTL " + rst.ttl() + " where the SYN-ACK had " + synAck.ttl());
        }
        if (synAck.hasTimestamp() && !rst.hasTimestamp()) {
            d.add("no TCP timestamp where the SYN-ACK negotiated one (a stack that knew the connection would stamp its RST)");
        }
        return String.join("; ", d);
    }

    /** The first payload sent at least twice and nothing from the server after it but bare ACKs below it. */
    private static Finding blackHole(List<Segment> all, int from, Segment firstPayload, FlowId id, ClientHelloInfo hello,
            long origin) {
        List<Long> frames = new ArrayList<>(List.of(firstPayload.frame()));
        Segment last = firstPayload;
        long end = (firstPayload.seq() + firstPayload.payload().length) & 0xffffffffL;
        for (int i = from + 1; i < all.size(); i++) {
            Segment s = all.get(i);
            if (s.from(id.client(), id.clientPort())) {
                if (s.hasPayload() && s.seq() == firstPayload.seq()) {
                    frames.add(s.frame());
                    last = s;
                }
                continue;
            }
            boolean acked = s.ack() && ((s.ackNo() - end) & 0xffffffffL) < (1L << 31);
            if (s.hasPayload() || s.rst() || s.fin() || acked) {
                return null;
            }
        }
        if (frames.size() < 2) {
            return null;
        }
        return new Finding(Signature.BLACK_HOLE, id, seconds(last, origin), frames,
                hello.summary() + " sent " + frames.size() + " times over " + millis(last.timeNanos() - firstPayload.timeNanos())
                        + ", never acknowledged or answered");
    }

    private static double seconds(Segment s, long origin) {
        return (s.timeNanos() - origin) / 1e9;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
