package io.wanlab.core.pcap;

import java.nio.ByteBuffer;

/**
 * Finds the IPv4 packet inside a link-layer frame. Plain code over a buffer window: no allocation
 * for an IPv4 frame; a skipped one leaves its reason in {@link #reason()}.
 */
final class LinkLayer {
    static final int ETHERNET = 1;
    static final int RAW_BSD = 12;
    static final int RAW = 101;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int IPV4_MIN_HEADER = 20;

    private String reason;
    private int length;

    /**
     * Returns the offset in {@code frame} where the IPv4 packet of the {@code captured} bytes at
     * {@code start} begins, with its length in {@link #length()}; or -1 with {@link #reason()} set.
     */
    int ipv4Start(int linkType, ByteBuffer frame, int start, int captured) {
        int end = start + captured;
        int at = switch (linkType) {
            case ETHERNET -> ethertype(frame, start + 12, start + 14, end);
            case LINUX_SLL -> ethertype(frame, start + 14, start + 16, end);
            case LINUX_SLL2 -> ethertype(frame, start, start + 20, end);
            case IPV4 -> version(frame, start, end, "not-ipv4");
            case RAW, RAW_BSD -> version(frame, start, end, "not-ip");
            case IPV6 -> skip("ipv6");
            default -> skip("link-type " + linkType);
        };
        if (at < 0) {
            return -1;
        }
        length = end - at;
        if (length >= IPV4_MIN_HEADER) {
            int total = u16(frame, at + 2);
            if (total >= IPV4_MIN_HEADER && total < length) {
                length = total; // Ethernet padding of short frames, or a trailing FCS
            }
        }
        return at;
    }

    /** Why the last frame was skipped. */
    String reason() {
        return reason;
    }

    /** Length of the IPv4 packet found last. */
    int length() {
        return length;
    }

    /** Follows 802.1Q / 802.1ad tags (any number) from the ethertype at {@code typeAt}, payload at {@code payloadAt}. */
    private int ethertype(ByteBuffer frame, int typeAt, int payloadAt, int end) {
        if (payloadAt > end) {
            return skip("short-frame");
        }
        int type = u16(frame, typeAt);
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (payloadAt + 4 > end) {
                return skip("short-frame");
            }
            type = u16(frame, payloadAt + 2);
            payloadAt += 4;
        }
        return switch (type) {
            case ETHERTYPE_IPV4 -> version(frame, payloadAt, end, "not-ipv4");
            case ETHERTYPE_IPV6 -> skip("ipv6");
            case ETHERTYPE_ARP -> skip("arp");
            default -> skip("ethertype 0x%04x".formatted(type));
        };
    }

    private int version(ByteBuffer frame, int at, int end, String otherwise) {
        if (at >= end) {
            return skip("short-frame");
        }
        return switch ((frame.get(at) & 0xFF) >>> 4) {
            case 4 -> at;
            case 6 -> skip("ipv6");
            default -> skip(otherwise);
        };
    }

    private int skip(String why) {
        reason = why;
        return -1;
    }

    /** Network byte order, whatever the file's. */
    private static int u16(ByteBuffer frame, int at) {
        return (frame.get(at) & 0xFF) << 8 | frame.get(at + 1) & 0xFF;
    }
}
