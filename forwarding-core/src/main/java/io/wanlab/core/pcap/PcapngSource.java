package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng, every section in either byte order. Each block states its length twice, so once both
 * copies agree a block we cannot use (unknown type, unknown interface, lengths inside that lie)
 * is skipped and counted and reading goes on; a length that breaks the chain of blocks (too small,
 * not a multiple of 4, over 16 MiB, or unequal copies) is a {@link CaptureFormatException}.
 */
final class PcapngSource implements CaptureSource {
    private static final int BLOCK_PACKET_OBSOLETE = 2;
    private static final int BLOCK_SIMPLE_PACKET = 3;
    private static final int BLOCK_NAME_RESOLUTION = 4;
    private static final int BLOCK_INTERFACE_STATISTICS = 5;
    private static final int BLOCK_SYSTEMD_JOURNAL = 9;
    private static final int BLOCK_DECRYPTION_SECRETS = 0x0A;
    private static final int BLOCK_CUSTOM = 0x0BAD;
    private static final int BLOCK_CUSTOM_NO_COPY = 0x40000BAD;
    private static final int SECTION_HEADER_MIN_BYTES = 28;
    private static final int BLOCK_MIN_BYTES = 12;
    /** A crafted file could otherwise describe millions of interfaces. */
    private static final int MAX_INTERFACES = 65_536;

    private final Path file;
    private final CaptureInput input;
    private final CaptureCounts counts = new CaptureCounts();
    private final LinkLayer link = new LinkLayer();
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private boolean done;

    /** Reads the first section header, so a broken one fails at open; {@code input} is at offset 0. */
    PcapngSource(Path file, CaptureInput input) throws IOException {
        this.file = file;
        this.input = input;
        readBlock();
        if (done) {
            throw new CaptureFormatException(file, 0, "Section Header Block cut short: the file has "
                    + input.offset() + " bytes");
        }
    }

    @Override
    public CaptureFrame next() throws IOException {
        while (!done) {
            CaptureFrame frame = readBlock();
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    /** Reads one block: a packet, or null for any other block or the end ({@link #done}). */
    private CaptureFrame readBlock() throws IOException {
        long blockOffset = input.offset();
        if (!input.request(8)) {
            return end();
        }
        ByteBuffer buffer = input.buffer();
        int at = buffer.position();
        // The section header's type reads the same in both byte orders; its magic sets the order.
        boolean sectionHeader = buffer.getInt(at) == Pcapng.BLOCK_SECTION_HEADER;
        if (sectionHeader) {
            if (!input.request(12)) {
                return end();
            }
            input.order(byteOrder(input.buffer(), blockOffset));
            buffer = input.buffer();
        } else if (blockOffset == 0) {
            throw new CaptureFormatException(file, 0, "block type 0x" + Integer.toHexString(buffer.getInt(at))
                    + " (expected: a Section Header Block, 0x0a0d0d0a, first)");
        }
        int type = buffer.getInt(at);
        int length = buffer.getInt(at + 4);
        int minimum = sectionHeader ? SECTION_HEADER_MIN_BYTES : BLOCK_MIN_BYTES;
        if (length < minimum || length > PcapngBlockInput.MAX_BLOCK_BYTES || (length & 3) != 0) {
            throw new CaptureFormatException(file, blockOffset + 4, "block total length "
                    + Integer.toUnsignedString(length) + " (expected: a multiple of 4 in " + minimum + ".."
                    + PcapngBlockInput.MAX_BLOCK_BYTES + ")");
        }
        if (!input.request(length)) {
            return end();
        }
        buffer = input.buffer();
        at = buffer.position();
        int trailer = buffer.getInt(at + length - 4);
        if (trailer != length) {
            throw new CaptureFormatException(file, blockOffset + length - 4, "trailing block total length "
                    + Integer.toUnsignedString(trailer) + " (expected: " + length + ", as at the block's start)");
        }
        CaptureFrame frame = block(type, buffer, at + 8, at + length - 4, blockOffset);
        input.skip(length);
        return frame;
    }

    /** Interprets the body {@code [body, end)} of a block whose lengths agree; a packet, or null. */
    private CaptureFrame block(int type, ByteBuffer buffer, int body, int end, long blockOffset) throws IOException {
        switch (type) {
            case Pcapng.BLOCK_SECTION_HEADER -> sectionHeader(buffer, body, blockOffset);
            case Pcapng.BLOCK_INTERFACE_DESCRIPTION -> interfaceDescription(buffer, body, end, blockOffset);
            case Pcapng.BLOCK_ENHANCED_PACKET -> {
                long frameNumber = counts.frame();
                if (end - body < 20) {
                    return skip("malformed-block");
                }
                long timestamp = Integer.toUnsignedLong(buffer.getInt(body + 4)) << 32
                        | Integer.toUnsignedLong(buffer.getInt(body + 8));
                return packet(frameNumber, buffer.getInt(body), timestamp, buffer.getInt(body + 12),
                        buffer.getInt(body + 16), buffer, body + 20, end);
            }
            case BLOCK_PACKET_OBSOLETE -> {
                long frameNumber = counts.frame();
                if (end - body < 20) {
                    return skip("malformed-block");
                }
                long timestamp = Integer.toUnsignedLong(buffer.getInt(body + 4)) << 32
                        | Integer.toUnsignedLong(buffer.getInt(body + 8));
                return packet(frameNumber, buffer.getShort(body) & 0xFFFF, timestamp, buffer.getInt(body + 12),
                        buffer.getInt(body + 16), buffer, body + 20, end);
            }
            case BLOCK_SIMPLE_PACKET -> {
                return simplePacket(buffer, body, end);
            }
            case BLOCK_NAME_RESOLUTION, BLOCK_INTERFACE_STATISTICS, BLOCK_DECRYPTION_SECRETS -> {
                // Names, counters and TLS keys: nothing a packet reader needs.
            }
            case BLOCK_CUSTOM, BLOCK_CUSTOM_NO_COPY -> {
                counts.frame(); // Wireshark numbers these as frames
                counts.skip("custom-block");
            }
            case BLOCK_SYSTEMD_JOURNAL -> {
                counts.frame();
                counts.skip("systemd-journal");
            }
            default -> counts.skip("unknown-block");
        }
        return null;
    }

    private void sectionHeader(ByteBuffer buffer, int body, long blockOffset) throws CaptureFormatException {
        int major = buffer.getShort(body + 4) & 0xFFFF;
        if (major != 1) {
            throw new CaptureFormatException(file, blockOffset + 12, "pcapng version " + major + "."
                    + (buffer.getShort(body + 6) & 0xFFFF) + " (expected: 1.x)");
        }
        interfaces.clear(); // interface ids are per section
    }

    private void interfaceDescription(ByteBuffer buffer, int body, int end, long blockOffset)
            throws CaptureFormatException {
        if (end - body < 8) {
            throw new CaptureFormatException(file, blockOffset, "Interface Description Block of " + (end - body + 12)
                    + " bytes (expected: at least 20); the packets of later interfaces would be misattributed");
        }
        if (interfaces.size() == MAX_INTERFACES) {
            throw new CaptureFormatException(file, blockOffset, "interface " + MAX_INTERFACES
                    + " in one section (expected: fewer)");
        }
        int linkType = buffer.getShort(body) & 0xFFFF;
        int snapLength = buffer.getInt(body + 4);
        int resolution = PcapngInterface.DEFAULT_TSRESOL;
        long offsetSeconds = 0;
        for (int option = body + 8; option + 4 <= end; ) {
            int code = buffer.getShort(option) & 0xFFFF;
            int length = buffer.getShort(option + 2) & 0xFFFF;
            if (code == Pcapng.OPT_END_OF_OPT || option + 4 + length > end) {
                break; // an option overflowing its block ends the options; the packets stay readable
            }
            if (code == Pcapng.OPT_IF_TSRESOL && length == 1) {
                resolution = buffer.get(option + 4) & 0xFF;
            } else if (code == Pcapng.OPT_IF_TSOFFSET && length == 8) {
                offsetSeconds = buffer.getLong(option + 4);
            }
            option += 4 + Pcapng.pad4(length);
        }
        interfaces.add(new PcapngInterface(interfaces.size(), linkType, snapLength, null, null, resolution,
                offsetSeconds));
    }

    private CaptureFrame simplePacket(ByteBuffer buffer, int body, int end) {
        long frameNumber = counts.frame();
        if (end - body < 4) {
            return skip("malformed-block");
        }
        if (interfaces.isEmpty()) {
            return skip("unknown-interface");
        }
        long original = Integer.toUnsignedLong(buffer.getInt(body));
        long captured = Math.min(original, end - body - 4);
        int snapLength = interfaces.getFirst().snapLength();
        if (snapLength > 0) {
            captured = Math.min(captured, snapLength);
        }
        return frame(frameNumber, 0, 0, (int) captured, original, buffer, body + 4, end, -1);
    }

    private CaptureFrame packet(long frameNumber, int interfaceId, long timestamp, int captured, int original,
            ByteBuffer buffer, int data, int end) {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            return skip("unknown-interface");
        }
        if (captured < 0 || captured > Pcapng.SNAP_LENGTH) {
            return skip("oversized-record");
        }
        if (Pcapng.pad4(captured) > end - data) {
            return skip("malformed-block");
        }
        return frame(frameNumber, interfaceId, timestamp, captured, Integer.toUnsignedLong(original), buffer, data,
                end, data + Pcapng.pad4(captured));
    }

    /** {@code options} is where the packet's options start, or -1 for a block without options. */
    private CaptureFrame frame(long frameNumber, int interfaceId, long timestamp, int captured, long original,
            ByteBuffer buffer, int data, int end, int options) {
        PcapngInterface described = interfaces.get(interfaceId);
        int start = link.ipv4Start(described.linkType(), buffer, data, captured);
        if (start < 0) {
            return skip(link.reason());
        }
        long nanos = 0;
        if (options >= 0) {
            try {
                nanos = described.toEpochNanos(timestamp);
            } catch (ArithmeticException e) {
                return skip("timestamp-out-of-range");
            }
        }
        byte[] ipv4 = new byte[link.length()];
        buffer.get(start, ipv4);
        counts.ipv4();
        return new CaptureFrame(frameNumber, nanos, ipv4, captured < original,
                options < 0 ? null : comment(buffer, options, end));
    }

    /** The first opt_comment, without the NUL padding some writers count into the length; null if none. */
    private static String comment(ByteBuffer buffer, int option, int end) {
        while (option + 4 <= end) {
            int code = buffer.getShort(option) & 0xFFFF;
            int length = buffer.getShort(option + 2) & 0xFFFF;
            if (code == Pcapng.OPT_END_OF_OPT || option + 4 + length > end) {
                return null;
            }
            if (code == Pcapng.OPT_COMMENT) {
                int stop = option + 4 + length;
                while (stop > option + 4 && buffer.get(stop - 1) == 0) {
                    stop--;
                }
                byte[] bytes = new byte[stop - option - 4];
                buffer.get(option + 4, bytes);
                return new String(bytes, UTF_8);
            }
            option += 4 + Pcapng.pad4(length);
        }
        return null;
    }

    private ByteOrder byteOrder(ByteBuffer buffer, long blockOffset) throws CaptureFormatException {
        int magic = buffer.order(ByteOrder.BIG_ENDIAN).getInt(buffer.position() + 8);
        if (magic == Pcapng.BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (magic == Integer.reverseBytes(Pcapng.BYTE_ORDER_MAGIC)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new CaptureFormatException(file, blockOffset + 8, "byte-order magic 0x" + Integer.toHexString(magic)
                + " (expected: 0x1a2b3c4d in either byte order)");
    }

    private CaptureFrame skip(String reason) {
        counts.skip(reason);
        return null;
    }

    /** The file ended; bytes left over are a block it cut short. */
    private CaptureFrame end() {
        if (input.available() > 0) {
            counts.skip(CaptureCounts.TRUNCATED_RECORD);
            input.skip(input.available());
        }
        done = true;
        return null;
    }

    @Override
    public CaptureStats stats() {
        return counts.stats(input.offset());
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
