package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * Rewrites addresses, ports and the TTL of the packet a {@link PacketView} wraps, in place, patching the
 * IPv4 and TCP/UDP checksums incrementally (RFC 1624) instead of summing the whole packet again.
 *
 * <p>Static, allocation-free, on the thread that owns the view; the buffer must be writable. The view
 * stays valid afterwards because it caches only lengths and offsets, which these rewrites keep.
 */
public final class PacketRewriter {
    private PacketRewriter() {
    }

    public static void setSrcAddress(PacketView view, int address) {
        requireNonNull(view, "view");
        rewriteAddress(view, view.offset() + 12, view.srcAddress(), address);
    }

    public static void setDstAddress(PacketView view, int address) {
        requireNonNull(view, "view");
        rewriteAddress(view, view.offset() + 16, view.dstAddress(), address);
    }

    /** Sets the TCP or UDP source port; throws {@link IllegalStateException} for other protocols. */
    public static void setSrcPort(PacketView view, int port) {
        requireNonNull(view, "view");
        rewritePort(view, 0, port);
    }

    /** Sets the TCP or UDP destination port; throws {@link IllegalStateException} for other protocols. */
    public static void setDstPort(PacketView view, int port) {
        requireNonNull(view, "view");
        rewritePort(view, 2, port);
    }

    /**
     * Decrements the TTL as a router does and returns the new value; a packet whose TTL is already 0 or 1
     * is left alone and 0 is returned, so the caller drops it (and may answer with ICMP time exceeded).
     */
    public static int decrementTtl(PacketView view) {
        requireNonNull(view, "view");
        int ttl = view.ttl();
        if (ttl <= 1) {
            return 0;
        }
        ByteBuf buf = view.buffer();
        int at = view.offset() + 8;
        int oldWord = buf.getUnsignedShort(at);
        int newWord = oldWord - 0x100;
        buf.setShort(at, newWord);
        int ipChecksumAt = view.offset() + 10;
        buf.setShort(ipChecksumAt, Checksums.update16(buf.getUnsignedShort(ipChecksumAt), oldWord, newWord));
        return ttl - 1;
    }

    private static void rewriteAddress(PacketView view, int at, int oldAddress, int newAddress) {
        ByteBuf buf = view.buffer();
        buf.setInt(at, newAddress);
        int ipChecksumAt = view.offset() + 10;
        buf.setShort(ipChecksumAt, Checksums.update32(buf.getUnsignedShort(ipChecksumAt), oldAddress, newAddress));
        // TCP and UDP cover the addresses through the pseudo-header; ICMP does not.
        int l4ChecksumAt = l4ChecksumOffset(view);
        if (l4ChecksumAt >= 0) {
            patchL4(view, buf, l4ChecksumAt, Checksums.update32(buf.getUnsignedShort(l4ChecksumAt), oldAddress, newAddress));
        }
    }

    private static void rewritePort(PacketView view, int fieldOffset, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        int l4ChecksumAt = l4ChecksumOffset(view);
        if (l4ChecksumAt < 0) {
            throw new IllegalStateException("protocol: " + IpProtocols.name(view.protocol()) + " (expected: tcp or udp)");
        }
        ByteBuf buf = view.buffer();
        int at = view.l4Offset() + fieldOffset;
        int oldPort = buf.getUnsignedShort(at);
        buf.setShort(at, port);
        patchL4(view, buf, l4ChecksumAt, Checksums.update16(buf.getUnsignedShort(l4ChecksumAt), oldPort, port));
    }

    private static int l4ChecksumOffset(PacketView view) {
        return switch (view.protocol()) {
            case IpProtocols.TCP -> view.l4Offset() + 16;
            case IpProtocols.UDP -> view.l4Offset() + 6;
            default -> -1;
        };
    }

    private static void patchL4(PacketView view, ByteBuf buf, int at, int updated) {
        if (view.protocol() == IpProtocols.UDP) {
            // A UDP checksum of 0 means "none sent": keep it absent, and never write a computed 0.
            if (buf.getUnsignedShort(at) == 0) {
                return;
            }
            if (updated == 0) {
                updated = 0xffff;
            }
        }
        buf.setShort(at, updated);
    }
}
