package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * The offload metadata of a packet read from (or written to) a TUN opened with IFF_VNET_HDR: the
 * fields of Linux's {@code struct virtio_net_hdr} packed into one {@code long}, so that a batch
 * carries them in a {@code long[]} next to its buffers with no object per packet. {@link #NONE}
 * (0) is a plain packet: complete checksums, no segmentation.
 *
 * <p>Layout (most significant first): gso_type (8 bits, with the ECN bit 0x80), flags (8),
 * gso_size (16), csum_start (16), csum_offset (16). hdr_len is not kept: it follows from the
 * packet ({@link #headerLength}), and the kernel only uses it as a hint.
 *
 * <p>A super-packet (gso_type TCPV4/TCPV6/UDP_L4) is one IP packet of up to 64 KiB whose payload
 * the kernel (or {@link #segment}) cuts into gso_size pieces; its L4 checksum field holds only the
 * pseudo-header sum (NEEDS_CSUM). Everything here is hand-written because it is the virtio/Linux
 * wire contract itself (modelled on wireguard-go's tun/offload_linux.go) and has no Java library.
 * Static, allocation-free, thread-safe; offsets are relative to the packet's reader index.
 */
public final class Offload {
    public static final long NONE = 0L;
    /** What {@link #check} returns for metadata that does not fit its packet: the packet is dropped as BAD_OFFLOAD. */
    public static final long INVALID = -1L;

    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    public static final int GSO_ECN = 0x80;
    public static final int F_NEEDS_CSUM = 1;
    public static final int F_DATA_VALID = 2;

    /** Length of {@code struct virtio_net_hdr} (without num_buffers), as the TUN reads and writes it. */
    public static final int VNET_HDR_LENGTH = 10;
    /** The smallest gso_size accepted: a smaller one would make a 64 KiB packet into thousands of segments. */
    public static final int MIN_GSO_SIZE = 8;

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int TCP_CSUM_OFFSET = 16;
    private static final int UDP_CSUM_OFFSET = 6;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;

    private Offload() {
    }

    public static long pack(int gsoType, int flags, int gsoSize, int csumStart, int csumOffset) {
        return (long) (gsoType & 0xff) << 56 | (long) (flags & 0xff) << 48 | (long) (gsoSize & 0xffff) << 32
                | (long) (csumStart & 0xffff) << 16 | (csumOffset & 0xffff);
    }

    public static int gsoType(long meta) {
        return (int) (meta >>> 56) & 0xff;
    }

    public static int flags(long meta) {
        return (int) (meta >>> 48) & 0xff;
    }

    public static int gsoSize(long meta) {
        return (int) (meta >>> 32) & 0xffff;
    }

    public static int csumStart(long meta) {
        return (int) (meta >>> 16) & 0xffff;
    }

    public static int csumOffset(long meta) {
        return (int) meta & 0xffff;
    }

    /** True for a super-packet the receiver must segment (or let its kernel segment). */
    public static boolean isGso(long meta) {
        return meta != NONE && meta != INVALID && (gsoType(meta) & ~GSO_ECN) != GSO_NONE;
    }

    /** True when the L4 checksum field holds only the pseudo-header sum. */
    public static boolean needsChecksum(long meta) {
        return meta != NONE && meta != INVALID && (flags(meta) & F_NEEDS_CSUM) != 0;
    }

    /**
     * Checks {@code meta} against the IP packet in {@code packet}'s readable bytes, strictly: a
     * known gso type matching the packet's version and protocol, csum_start at the L4 header,
     * csum_offset at the TCP/UDP checksum, a gso_size of at least {@link #MIN_GSO_SIZE}, no
     * fragment, lengths that agree. Returns the metadata ({@link #NONE} for an all-zero header),
     * or {@link #INVALID}. Never throws for any packet bytes.
     */
    public static long check(ByteBuf packet, long meta) {
        requireNonNull(packet, "packet");
        if (meta == NONE) {
            return NONE;
        }
        if (meta == INVALID) {
            return INVALID;
        }
        int type = gsoType(meta);
        int flags = flags(meta);
        int baseType = type & ~GSO_ECN;
        if ((flags & ~F_NEEDS_CSUM) != 0 || (flags & F_NEEDS_CSUM) == 0) {
            // Without NEEDS_CSUM nothing else may be set: the packet is plain.
            return flags == 0 && type == 0 && gsoSize(meta) == 0 && csumStart(meta) == 0 && csumOffset(meta) == 0 ? NONE : INVALID;
        }
        int l4 = l4Offset(packet);
        if (l4 < 0 || csumStart(meta) != l4) {
            return INVALID;
        }
        int base = packet.readerIndex();
        int length = packet.readableBytes();
        int version = packet.getUnsignedByte(base) >> 4;
        int protocol = version == 4 ? packet.getUnsignedByte(base + 9) : packet.getUnsignedByte(base + 6);
        int l4Length = length - l4;
        if (protocol == TCP) {
            if (csumOffset(meta) != TCP_CSUM_OFFSET || l4Length < 20) {
                return INVALID;
            }
            int dataOffset = (packet.getUnsignedByte(base + l4 + 12) >> 4) * 4;
            if (dataOffset < 20 || dataOffset > l4Length) {
                return INVALID;
            }
        } else if (protocol == UDP) {
            if (csumOffset(meta) != UDP_CSUM_OFFSET || l4Length < 8 || packet.getUnsignedShort(base + l4 + 4) != l4Length) {
                return INVALID;
            }
        } else {
            return INVALID;
        }
        if (type != baseType && protocol != TCP) {
            return INVALID;
        }
        switch (baseType) {
            case GSO_NONE -> {
                return gsoSize(meta) == 0 && type == GSO_NONE ? meta : INVALID;
            }
            case GSO_TCPV4 -> {
                if (version != 4 || protocol != TCP) {
                    return INVALID;
                }
            }
            case GSO_TCPV6 -> {
                if (version != 6 || protocol != TCP) {
                    return INVALID;
                }
            }
            case GSO_UDP_L4 -> {
                if (protocol != UDP) {
                    return INVALID;
                }
            }
            default -> {
                return INVALID;
            }
        }
        return gsoSize(meta) >= MIN_GSO_SIZE ? meta : INVALID;
    }

    /**
     * The offset of the TCP or UDP header (IPv4 without fragmentation and with a total length equal
     * to the bytes at hand; IPv6 without extension headers), or -1.
     */
    static int l4Offset(ByteBuf packet) {
        int base = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < 1) {
            return -1;
        }
        int version = packet.getUnsignedByte(base) >> 4;
        if (version == 4) {
            if (length < 20) {
                return -1;
            }
            int ihl = (packet.getUnsignedByte(base) & 0x0f) * 4;
            if (ihl < 20 || ihl > length || packet.getUnsignedShort(base + 2) != length
                    || (packet.getUnsignedShort(base + 6) & 0x3fff) != 0) {
                return -1;
            }
            return ihl;
        }
        if (version == 6) {
            if (length < 40 || packet.getUnsignedShort(base + 4) + 40 != length) {
                return -1;
            }
            int next = packet.getUnsignedByte(base + 6);
            return next == TCP || next == UDP ? 40 : -1;
        }
        return -1;
    }

    /** hdr_len for the TUN: the IP and L4 headers in front of the payload (checked metadata). */
    public static int headerLength(ByteBuf packet, long meta) {
        int start = csumStart(meta);
        if (csumOffset(meta) == TCP_CSUM_OFFSET) {
            return start + (packet.getUnsignedByte(packet.readerIndex() + start + 12) >> 4) * 4;
        }
        return start + 8;
    }

    /**
     * Completes a NEEDS_CSUM checksum in place (Linux's skb_checksum_help): the field holds the
     * pseudo-header sum, so the checksum is the complement of the sum from csum_start to the end.
     * For a packet that is not GSO (a super-packet is cut by {@link #segment}, whose segments get
     * {@link #fullChecksum}). Does nothing unless {@link #needsChecksum}.
     */
    public static void completeChecksum(ByteBuf packet, long meta) {
        if (!needsChecksum(meta)) {
            return;
        }
        int base = packet.readerIndex();
        int start = base + csumStart(meta);
        int field = start + csumOffset(meta);
        int checksum = Checksums.checksum(packet, start, packet.writerIndex() - start);
        if (checksum == 0 && csumOffset(meta) == UDP_CSUM_OFFSET) {
            checksum = 0xffff;
        }
        packet.setShort(field, checksum);
    }

    /**
     * Writes a complete L4 checksum computed from scratch (pseudo-header with the packet's own
     * addresses and length): what a capture of a super-packet shows with valid checksums, and what
     * each software segment carries. {@code packet} is checked metadata's packet.
     */
    public static void fullChecksum(ByteBuf packet, long meta) {
        int base = packet.readerIndex();
        int start = csumStart(meta);
        int field = base + start + csumOffset(meta);
        int l4Length = packet.readableBytes() - start;
        int version = packet.getUnsignedByte(base) >> 4;
        int protocol = version == 4 ? packet.getUnsignedByte(base + 9) : packet.getUnsignedByte(base + 6);
        packet.setShort(field, 0);
        long acc = pseudoSum(packet, base, version, protocol, l4Length) + Checksums.sum(packet, base + start, l4Length);
        int checksum = ~fold(acc) & 0xffff;
        if (checksum == 0 && protocol == UDP) {
            checksum = 0xffff;
        }
        packet.setShort(field, checksum);
    }

    private static long pseudoSum(ByteBuf p, int base, int version, int protocol, int l4Length) {
        if (version == 4) {
            return Checksums.sum(p, base + 12, 8) + protocol + l4Length;
        }
        return Checksums.sum(p, base + 8, 32) + protocol + l4Length;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** Receives each segment {@link #segment} makes; the buffer is reused for the next one. */
    @FunctionalInterface
    public interface SegmentSink {
        /** @return false to stop (the write was refused) */
        boolean accept(ByteBuf segment);
    }

    /**
     * Cuts a checked super-packet into plain packets of at most gso_size payload bytes each, as the
     * kernel's GSO would (wireguard-go's gsoSplit shape): IPv4 total length, identification + i and
     * header checksum; IPv6 payload length; TCP sequence advanced, FIN and PSH only on the last,
     * CWR only on the first; UDP length; a complete L4 checksum on each. Each segment is built in
     * {@code scratch} (cleared first; at least the header length plus gso_size writable) and handed
     * to {@code sink}. A packet that is not GSO is handed on with its checksum completed in place.
     *
     * @return the number of segments handed on (stops early if the sink says so)
     */
    public static int segment(ByteBuf packet, long meta, ByteBuf scratch, SegmentSink sink) {
        if (!isGso(meta)) {
            completeChecksum(packet, meta);
            return sink.accept(packet) ? 1 : 0;
        }
        int base = packet.readerIndex();
        int version = packet.getUnsignedByte(base) >> 4;
        int ipLength = csumStart(meta);
        boolean tcp = csumOffset(meta) == TCP_CSUM_OFFSET;
        int headers = headerLength(packet, meta);
        int payload = packet.readableBytes() - headers;
        int mss = gsoSize(meta);
        int ipId = version == 4 ? packet.getUnsignedShort(base + 4) : 0;
        long seq = tcp ? packet.getUnsignedInt(base + ipLength + 4) : 0;
        int tcpFlags = tcp ? packet.getUnsignedByte(base + ipLength + 13) : 0;
        int segments = 0;
        int at = 0;
        do {
            int chunk = Math.min(mss, payload - at);
            boolean first = at == 0;
            boolean last = at + chunk >= payload;
            scratch.clear();
            scratch.writeBytes(packet, base, headers);
            scratch.writeBytes(packet, base + headers + at, chunk);
            int total = headers + chunk;
            if (version == 4) {
                scratch.setShort(2, total);
                scratch.setShort(4, (ipId + segments) & 0xffff);
                Checksums.writeIpv4Header(scratch, 0);
            } else {
                scratch.setShort(4, total - 40);
            }
            if (tcp) {
                scratch.setInt(ipLength + 4, (int) (seq + at));
                int f = tcpFlags;
                if (!last) {
                    f &= ~(TCP_FIN | TCP_PSH);
                }
                if (!first) {
                    f &= ~TCP_CWR;
                }
                scratch.setByte(ipLength + 13, f);
            } else {
                scratch.setShort(ipLength + 4, total - ipLength);
            }
            fullChecksum(scratch, meta);
            segments++;
            if (!sink.accept(scratch)) {
                return segments - 1;
            }
            at += chunk;
        } while (at < payload);
        return segments;
    }
}
