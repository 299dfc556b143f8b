package io.wanlab.core.packet;

/**
 * UDP header accessors of a {@link PacketView}, reached through {@link PacketView#udp()}. Stateless like
 * {@link TcpView}: it reads the packet the owning view currently wraps.
 */
public final class UdpView {
    private final PacketView view;

    UdpView(PacketView view) {
        this.view = view;
    }

    public int srcPort() {
        return view.expect(IpProtocols.UDP).getUnsignedShort(view.l4Offset);
    }

    public int dstPort() {
        return view.expect(IpProtocols.UDP).getUnsignedShort(view.l4Offset + 2);
    }

    /** The length field: header plus payload, 8..{@link PacketView#l4Length()} on an accepted packet. */
    public int length() {
        return view.expect(IpProtocols.UDP).getUnsignedShort(view.l4Offset + 4);
    }

    /** 0 means the sender computed none, which IPv4 allows. */
    public int checksum() {
        return view.expect(IpProtocols.UDP).getUnsignedShort(view.l4Offset + 6);
    }
}
