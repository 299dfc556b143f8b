package io.wanlab.core.packet;

/**
 * ICMP header accessors of a {@link PacketView}, reached through {@link PacketView#icmp()}. Stateless like
 * {@link TcpView}: it reads the packet the owning view currently wraps.
 */
public final class IcmpView {
    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;

    private final PacketView view;

    IcmpView(PacketView view) {
        this.view = view;
    }

    public int type() {
        return view.expect(IpProtocols.ICMP).getUnsignedByte(view.l4Offset);
    }

    public int code() {
        return view.expect(IpProtocols.ICMP).getUnsignedByte(view.l4Offset + 1);
    }

    public int checksum() {
        return view.expect(IpProtocols.ICMP).getUnsignedShort(view.l4Offset + 2);
    }

    public boolean isEcho() {
        int type = type();
        return type == ECHO_REQUEST || type == ECHO_REPLY;
    }

    /** Echo identifier (bytes 4..5); meaningful when {@link #isEcho()}. */
    public int echoId() {
        return view.expect(IpProtocols.ICMP).getUnsignedShort(view.l4Offset + 4);
    }

    /** Echo sequence number (bytes 6..7); meaningful when {@link #isEcho()}. */
    public int echoSequence() {
        return view.expect(IpProtocols.ICMP).getUnsignedShort(view.l4Offset + 6);
    }
}
