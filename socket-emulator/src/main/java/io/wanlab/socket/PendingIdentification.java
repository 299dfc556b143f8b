package io.wanlab.socket;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.appid.AppIdentifier;
import io.wanlab.core.appid.GaveUp;
import io.wanlab.core.appid.Identification;
import io.wanlab.core.lab.IdentificationLimits;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.packet.TcpView;

/**
 * One undecided TCP flow's identification: the identifier, what the client sent so far (packets and
 * payload bytes, counted against the lab's {@link IdentificationLimits}), and the next sequence number
 * the identifier expects. Only new bytes in sequence are offered, so a retransmitted segment (the
 * client's answer to a lost or swallowed one) is not read twice. Owned by the Socket's event loop.
 */
final class PendingIdentification {
    private final AppIdentifier identifier;
    private final IdentificationLimits limits;
    private int packets;
    private long bytes;
    private int nextSeq;
    private boolean seqKnown;

    PendingIdentification(AppIdentifier identifier, IdentificationLimits limits) {
        this.identifier = identifier;
        this.limits = limits;
    }

    /**
     * Counts the client's packet in {@code view} and offers its new payload bytes; returns the answer,
     * a {@link GaveUp} when the packet reaches a bound without one.
     */
    Identification offer(PacketView view) {
        packets++;
        int length = view.payloadLength();
        bytes += length;
        Identification result = read(view, length);
        if (result.isFinal()) {
            return result;
        }
        if (packets >= limits.maxPackets()) {
            return new GaveUp("identification limit: " + packets + " packets from the client without a server name"
                    + " (identification.maxPackets " + limits.maxPackets() + ")");
        }
        if (bytes >= limits.maxBytes()) {
            return new GaveUp("identification limit: " + bytes + " payload bytes from the client without a server name"
                    + " (identification.maxBytes " + limits.maxBytes() + ")");
        }
        return result;
    }

    int packets() {
        return packets;
    }

    long bytes() {
        return bytes;
    }

    private Identification read(PacketView view, int length) {
        TcpView tcp = view.tcp();
        if (tcp.isSyn()) {
            nextSeq = tcp.seq() + 1;
            seqKnown = true;
            return identifier.result();
        }
        if (length == 0) {
            return identifier.result();
        }
        int seq = tcp.seq();
        int skip = 0;
        if (seqKnown) {
            int ahead = seq - nextSeq; // wraps as TCP sequence numbers do
            if (ahead > 0) {
                // The bytes before it went missing; reading on would parse a hole as data.
                return new GaveUp("segment out of order: " + ahead + " bytes ahead of the next expected"
                        + " (identification reads the client's bytes in order only)");
            }
            skip = -ahead;
            if (skip >= length) {
                return identifier.result(); // a retransmission of bytes already read
            }
        }
        nextSeq = seq + length;
        seqKnown = true;
        ByteBuf payload = view.buffer().slice(view.payloadOffset() + skip, length - skip);
        return identifier.offer(payload);
    }
}
