package io.wanlab.core.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Cuts a channel into pcapng blocks, checking both copies of each block's total length. Memory is
 * bounded: a block may not exceed {@link #MAX_BLOCK_BYTES}, and the buffer grows only as bytes
 * actually arrive, so a lying length in a short file allocates little.
 */
final class PcapngBlockInput {
    /** Wireshark's limit for a block, too: far above any packet at our snap length. */
    static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;
    private static final int SECTION_HEADER_MIN_BYTES = 28;
    private static final int BLOCK_MIN_BYTES = 12;

    private final ReadableByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(12);
    private ByteBuffer content = ByteBuffer.allocate(4096);
    private ByteOrder order;
    private long offset;
    private long blockOffset;
    private int blockType;

    PcapngBlockInput(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads the next block and returns its body (after type and length, before the trailing
     * length) in the section's byte order, valid until the next call; null at a clean end of file.
     */
    ByteBuffer next() throws IOException {
        blockOffset = offset;
        header.clear().limit(8);
        int got = readFully(header);
        if (got == 0) {
            if (order == null) {
                throw new PcapngFormatException(blockOffset, "empty file (expected: a Section Header Block)");
            }
            return null;
        }
        if (got < 8) {
            throw truncatedHeader(got);
        }
        // The section header's type reads the same in both byte orders; its magic decides the order.
        boolean sectionHeader = header.getInt(0) == Pcapng.BLOCK_SECTION_HEADER;
        if (sectionHeader) {
            header.limit(12);
            int more = readFully(header);
            if (more < 4) {
                throw truncatedHeader(8 + more);
            }
            order = byteOrder(header.order(ByteOrder.BIG_ENDIAN).getInt(8));
        } else if (order == null) {
            throw new PcapngFormatException(blockOffset, "block type 0x" + Integer.toHexString(header.getInt(0))
                    + " (expected: a Section Header Block, 0x0a0d0d0a, first)");
        }
        header.order(order);
        blockType = header.getInt(0);
        int length = header.getInt(4);
        int minimum = sectionHeader ? SECTION_HEADER_MIN_BYTES : BLOCK_MIN_BYTES;
        if (length < minimum || length > MAX_BLOCK_BYTES || (length & 3) != 0) {
            throw new PcapngFormatException(blockOffset, "block total length " + Integer.toUnsignedString(length)
                    + " (expected: a multiple of 4 in " + minimum + ".." + MAX_BLOCK_BYTES + ")");
        }
        readContent(length);
        int trailer = content.getInt(length - 12);
        if (trailer != length) {
            throw new PcapngFormatException(blockOffset + length - 4, "trailing block total length "
                    + Integer.toUnsignedString(trailer) + " (expected: " + length + ", as at the block's start)");
        }
        offset = blockOffset + length;
        content.limit(length - 12).position(0);
        return content;
    }

    /** Type of the block last returned by {@link #next()}. */
    int blockType() {
        return blockType;
    }

    /** File offset of the block last returned by {@link #next()}; its body starts 8 bytes later. */
    long blockOffset() {
        return blockOffset;
    }

    private ByteOrder byteOrder(int magicReadBigEndian) throws PcapngFormatException {
        if (magicReadBigEndian == Pcapng.BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (magicReadBigEndian == Integer.reverseBytes(Pcapng.BYTE_ORDER_MAGIC)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new PcapngFormatException(blockOffset + 8, "byte-order magic 0x" + Integer.toHexString(magicReadBigEndian)
                + " (expected: 0x1a2b3c4d in either byte order)");
    }

    /** Reads everything after the 8-byte header (the magic of a section header already sits in {@code header}). */
    private void readContent(int length) throws IOException {
        int contentLength = length - 8;
        content.clear();
        if (header.position() == 12) {
            content.put(header.array(), 8, 4);
        }
        while (content.position() < contentLength) {
            if (content.position() == content.capacity()) {
                grow(contentLength);
            }
            content.limit(Math.min(content.capacity(), contentLength));
            if (channel.read(content) < 0) {
                throw truncated(length, 8 + content.position());
            }
        }
        content.flip();
        content.order(order);
    }

    private void grow(int needed) {
        int capacity = (int) Math.min(needed, content.capacity() * 2L);
        ByteBuffer larger = ByteBuffer.allocate(capacity);
        content.flip();
        larger.put(content);
        content = larger;
    }

    private int readFully(ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.position() - start;
    }

    private PcapngFormatException truncatedHeader(int got) {
        return new PcapngFormatException(blockOffset, "truncated block header: file ends after " + got
                + " bytes (expected: type, total length and, for a section header, the byte-order magic)");
    }

    private PcapngFormatException truncated(int length, int got) {
        return new PcapngFormatException(blockOffset, "truncated block: file ends after " + got + " of its "
                + length + " bytes");
    }
}
