package io.wanlab.core.topo;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.net.Ipv4;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One link as a node sees it: its own underlay interface and address, the peer node and its
 * address, and whether this node listens on {@code port} (at its own address) or dials the peer there.
 */
public record LinkEnd(String link, LinkKind kind, String device, InterfaceAddress local, String peer, int peerIp,
        boolean listens, int port) {
    public LinkEnd {
        requireNonNull(link, "link");
        requireNonNull(kind, "kind");
        requireNonNull(device, "device");
        requireNonNull(local, "local");
        requireNonNull(peer, "peer");
    }

    /** Where the listening side binds (its own address) or the dialing side connects (the peer's). */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(inet(listens ? local.ip() : peerIp), port);
    }

    /** The local address to bind to: the listen address, or the source for dialing. */
    public InetAddress localInet() {
        return inet(local.ip());
    }

    public String peerIpText() {
        return Ipv4.format(peerIp);
    }

    private static InetAddress inet(int ip) {
        byte[] bytes = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
        }
    }
}
