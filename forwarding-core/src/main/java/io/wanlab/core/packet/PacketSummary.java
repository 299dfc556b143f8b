package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.net.Ipv4;

/**
 * One-line, tcpdump-like descriptions of packets for logs and test failures, such as
 * {@code 198.18.1.10:40000 > 198.18.2.10:443 TCP [S] seq=1 len=0}. Allocates: not for the hot path.
 */
public final class PacketSummary {
    private PacketSummary() {
    }

    /** Describes the packet in the buffer's readable bytes, or why it would be dropped; indexes do not move. */
    public static String of(ByteBuf buf) {
        requireNonNull(buf, "buf");
        PacketView view = new PacketView();
        view.wrap(buf);
        return of(view);
    }

    /** Describes the packet {@code view} wraps, or why its last {@code wrap} refused one. */
    public static String of(PacketView view) {
        requireNonNull(view, "view");
        if (!view.isValid()) {
            return "dropped " + view.dropReason() + " (" + view.wrappedLength() + " bytes)";
        }
        String src = Ipv4.format(view.srcAddress());
        String dst = Ipv4.format(view.dstAddress());
        return switch (view.protocol()) {
            case IpProtocols.TCP -> {
                TcpView tcp = view.tcp();
                String ack = tcp.isAck() ? " ack=" + Integer.toUnsignedString(tcp.ack()) : "";
                yield src + ":" + tcp.srcPort() + " > " + dst + ":" + tcp.dstPort()
                        + " TCP [" + TcpFlags.format(tcp.flags()) + "] seq=" + Integer.toUnsignedString(tcp.seq())
                        + ack + " len=" + view.payloadLength();
            }
            case IpProtocols.UDP -> src + ":" + view.srcPort() + " > " + dst + ":" + view.dstPort()
                    + " UDP len=" + view.payloadLength();
            case IpProtocols.ICMP -> src + " > " + dst + " ICMP " + icmp(view.icmp()) + " len=" + view.payloadLength();
            default -> src + " > " + dst + " " + IpProtocols.name(view.protocol()) + " len=" + view.payloadLength();
        };
    }

    private static String icmp(IcmpView icmp) {
        return switch (icmp.type()) {
            case IcmpView.ECHO_REQUEST -> "echo-request id=" + icmp.echoId() + " seq=" + icmp.echoSequence();
            case IcmpView.ECHO_REPLY -> "echo-reply id=" + icmp.echoId() + " seq=" + icmp.echoSequence();
            default -> "type=" + icmp.type() + " code=" + icmp.code();
        };
    }
}
