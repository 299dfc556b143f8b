package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds pcapng bytes block by block in either byte order, independently of {@link PcapngWriter},
 * so reader tests can hand it files our writer would never produce; and walks a file's blocks,
 * checking both length fields, so writer tests need not trust {@link PcapngReader}.
 */
final class RawPcapng {
    record Block(int offset, int type, int length) {
    }

    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawPcapng(ByteOrder order) {
        this.order = order;
    }

    static RawPcapng littleEndian() {
        return new RawPcapng(ByteOrder.LITTLE_ENDIAN);
    }

    RawPcapng sectionHeader() {
        return block(Pcapng.BLOCK_SECTION_HEADER, fields(16).putInt(Pcapng.BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array());
    }

    RawPcapng interfaceBlock(String name, byte[] extraOptions) {
        ByteBuffer fixed = fields(8).putShort((short) Pcapng.LINKTYPE_IPV4).putShort((short) 0).putInt(Pcapng.SNAP_LENGTH);
        return block(Pcapng.BLOCK_INTERFACE_DESCRIPTION, concat(fixed.array(),
                option(Pcapng.OPT_IF_NAME, name.getBytes(UTF_8)), extraOptions, endOfOptions()));
    }

    RawPcapng packet(int interfaceId, long timestamp, byte[] data, String comment) {
        ByteBuffer fixed = fields(20).putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(data.length).putInt(data.length);
        byte[] options = comment == null ? new byte[0]
                : concat(option(Pcapng.OPT_COMMENT, comment.getBytes(UTF_8)), endOfOptions());
        return block(Pcapng.BLOCK_ENHANCED_PACKET, concat(fixed.array(), padded(data), options));
    }

    /** A block with the given body; total length computed correctly. */
    RawPcapng block(int type, byte[] body) {
        int length = 12 + body.length;
        return raw(concat(fields(8).putInt(type).putInt(length).array(), body, fields(4).putInt(length).array()));
    }

    RawPcapng raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    byte[] option(int code, byte[] value) {
        return concat(fields(4).putShort((short) code).putShort((short) value.length).array(), padded(value));
    }

    byte[] endOfOptions() {
        return new byte[4];
    }

    ByteBuffer fields(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    /** Walks a little-endian file, asserting nothing: returns blocks or throws naming the first inconsistency. */
    static List<Block> walk(byte[] file) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            int type = buffer.getInt(at);
            int length = buffer.getInt(at + 4);
            if (length < 12 || length % 4 != 0 || at + length > file.length) {
                throw new IllegalStateException("block at " + at + ": length " + length);
            }
            int trailer = buffer.getInt(at + length - 4);
            if (trailer != length) {
                throw new IllegalStateException("block at " + at + ": leading length " + length + ", trailing " + trailer);
            }
            blocks.add(new Block(at, type, length));
            at += length;
        }
        return blocks;
    }

    static byte[] padded(byte[] value) {
        byte[] padded = new byte[(value.length + 3) & ~3];
        System.arraycopy(value, 0, padded, 0, value.length);
        return padded;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
