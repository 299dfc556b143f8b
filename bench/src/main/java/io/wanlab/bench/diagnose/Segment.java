package io.wanlab.bench.diagnose;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.packet.TcpView;
import io.wanlab.core.pcap.CaptureFrame;

/**
 * One TCP segment of a capture, copied out of its frame: what the signatures compare (TTL, the TCP
 * options bytes, flags, sequence numbers, payload) and the IPv4 bytes for the rules replay.
 */
record Segment(long frame, long timeNanos, int src, int srcPort, int dst, int dstPort, int flags, long seq, long ackNo,
        int ttl, byte[] options, byte[] payload, byte[] ipv4) {

    /** The segment in {@code frame}, or null when the frame holds no whole TCP header (not TCP, a fragment, cut short). */
    static Segment of(CaptureFrame frame, PacketView view) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame.ipv4());
        if (view.wrap(buf) != DropReason.NONE || !view.isTcp()) {
            view.clear();
            return null;
        }
        TcpView tcp = view.tcp();
        int optionsAt = view.l4Offset() + 20;
        byte[] options = ByteBufUtil.getBytes(buf, optionsAt, tcp.headerLength() - 20);
        byte[] payload = ByteBufUtil.getBytes(buf, view.payloadOffset(), view.payloadLength());
        byte[] ipv4 = ByteBufUtil.getBytes(buf, view.offset(), view.totalLength());
        Segment s = new Segment(frame.frameNumber(), frame.timestampNanos(), view.srcAddress(), tcp.srcPort(),
                view.dstAddress(), tcp.dstPort(), tcp.flags(), tcp.seq() & 0xffffffffL, tcp.ack() & 0xffffffffL,
                view.ttl(), options, payload, ipv4);
        view.clear();
        return s;
    }

    boolean syn() {
        return (flags & 0x02) != 0;
    }

    boolean ack() {
        return (flags & 0x10) != 0;
    }

    boolean rst() {
        return (flags & 0x04) != 0;
    }

    boolean fin() {
        return (flags & 0x01) != 0;
    }

    boolean hasPayload() {
        return payload.length > 0;
    }

    boolean from(int addr, int port) {
        return src == addr && srcPort == port;
    }

    /** True when the TCP options carry a timestamp (kind 8); a stack that knows the connection stamps its RST. */
    boolean hasTimestamp() {
        for (int i = 0; i < options.length;) {
            int kind = options[i] & 0xff;
            if (kind == 0) {
                return false;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (kind == 8) {
                return true;
            }
            if (i + 1 >= options.length || (options[i + 1] & 0xff) < 2) {
                return false;
            }
            i += options[i + 1] & 0xff;
        }
        return false;
    }
}
