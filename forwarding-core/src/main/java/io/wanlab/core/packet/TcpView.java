package io.wanlab.core.packet;

/**
 * TCP header accessors of a {@link PacketView}, reached through {@link PacketView#tcp()}. It holds no
 * state of its own: every call reads the packet the owning view currently wraps, and throws
 * {@link IllegalStateException} if that is not an accepted TCP packet.
 */
public final class TcpView {
    private final PacketView view;

    TcpView(PacketView view) {
        this.view = view;
    }

    public int srcPort() {
        return view.expect(IpProtocols.TCP).getUnsignedShort(view.l4Offset);
    }

    public int dstPort() {
        return view.expect(IpProtocols.TCP).getUnsignedShort(view.l4Offset + 2);
    }

    /** Raw 32 bits: compare with wrap-around arithmetic ({@code a - b < 0}), print with Integer.toUnsignedString. */
    public int seq() {
        return view.expect(IpProtocols.TCP).getInt(view.l4Offset + 4);
    }

    /** Raw 32 bits, like {@link #seq()}; meaningful when {@link #isAck()}. */
    public int ack() {
        return view.expect(IpProtocols.TCP).getInt(view.l4Offset + 8);
    }

    /** Header length in bytes (data offset times 4), options included. */
    public int headerLength() {
        return (view.expect(IpProtocols.TCP).getUnsignedByte(view.l4Offset + 12) >>> 4) << 2;
    }

    /** The raw flags byte; test bits with {@link TcpFlags}. */
    public int flags() {
        return view.expect(IpProtocols.TCP).getUnsignedByte(view.l4Offset + 13);
    }

    public boolean isSyn() {
        return (flags() & TcpFlags.SYN) != 0;
    }

    public boolean isAck() {
        return (flags() & TcpFlags.ACK) != 0;
    }

    public boolean isFin() {
        return (flags() & TcpFlags.FIN) != 0;
    }

    public boolean isRst() {
        return (flags() & TcpFlags.RST) != 0;
    }

    public boolean isPsh() {
        return (flags() & TcpFlags.PSH) != 0;
    }

    public boolean isUrg() {
        return (flags() & TcpFlags.URG) != 0;
    }

    public int window() {
        return view.expect(IpProtocols.TCP).getUnsignedShort(view.l4Offset + 14);
    }

    public int checksum() {
        return view.expect(IpProtocols.TCP).getUnsignedShort(view.l4Offset + 16);
    }

    public int urgentPointer() {
        return view.expect(IpProtocols.TCP).getUnsignedShort(view.l4Offset + 18);
    }
}
