package io.wanlab.core.link;

import static io.wanlab.core.link.FrameFormat.FLAG_REPLY;
import static io.wanlab.core.link.FrameFormat.HEADER_LENGTH;
import static io.wanlab.core.link.FrameFormat.TYPE_CHALLENGE;
import static io.wanlab.core.link.FrameFormat.TYPE_DATA;
import static io.wanlab.core.link.FrameFormat.TYPE_HELLO;
import static io.wanlab.core.link.FrameFormat.TYPE_KEEPALIVE;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.packet.Offload;
import java.nio.charset.StandardCharsets;

/**
 * Parses frames with absolute indexes, never moving a reader index, so the TCP decoder and the
 * datagram codec share it. Every check runs before anything is allocated or retained.
 */
final class FrameReader {
    private FrameReader() {
    }

    /**
     * Checks the header at {@code index} (HEADER_LENGTH bytes must be readable there) and returns
     * the body length. Rejects a body that is too long before it is buffered.
     */
    static int checkHeader(ByteBuf buf, int index, int maxBodyLength) {
        int magicVersion = buf.getUnsignedByte(index);
        if ((magicVersion & 0xf0) != FrameFormat.MAGIC) {
            throw new FrameException("frame magic: 0x" + Integer.toHexString(magicVersion)
                    + " (expected: 0x" + Integer.toHexString(FrameFormat.MAGIC_VERSION) + ")");
        }
        if ((magicVersion & 0x0f) != FrameFormat.VERSION) {
            throw new FrameException("frame version: " + (magicVersion & 0x0f) + " (expected: " + FrameFormat.VERSION + ")");
        }
        int type = buf.getUnsignedByte(index + 1);
        int flags = buf.getUnsignedByte(index + 2);
        long bodyLength = buf.getUnsignedInt(index + 3);
        int allowedFlags = type == TYPE_KEEPALIVE ? FLAG_REPLY : type == TYPE_DATA ? FrameFormat.FLAG_OFFLOAD : 0;
        switch (type) {
            case TYPE_HELLO, TYPE_DATA, TYPE_KEEPALIVE, TYPE_CHALLENGE -> { }
            default -> throw new FrameException("frame type: " + type + " (expected: " + TYPE_HELLO + " hello, " + TYPE_DATA
                    + " data, " + TYPE_KEEPALIVE + " keepalive, " + TYPE_CHALLENGE + " challenge)");
        }
        if ((flags & ~allowedFlags) != 0) {
            throw new FrameException(FrameFormat.typeName(type) + " flags: 0x" + Integer.toHexString(flags)
                    + " (expected: only 0x" + Integer.toHexString(allowedFlags) + " may be set)");
        }
        if (bodyLength > maxBodyLength) {
            throw new FrameTooLongException(bodyLength, maxBodyLength);
        }
        int min = switch (type) {
            case TYPE_HELLO -> FrameFormat.MIN_HELLO_BODY;
            case TYPE_DATA -> FrameFormat.MIN_DATA_BODY;
            case TYPE_CHALLENGE -> FrameFormat.CHALLENGE_BODY;
            default -> FrameFormat.KEEPALIVE_BODY;
        };
        int max = switch (type) {
            case TYPE_HELLO -> FrameFormat.MAX_HELLO_BODY;
            case TYPE_DATA -> maxBodyLength;
            case TYPE_CHALLENGE -> FrameFormat.CHALLENGE_BODY;
            default -> FrameFormat.KEEPALIVE_BODY;
        };
        if (bodyLength < min || bodyLength > max) {
            throw new FrameException(FrameFormat.typeName(type) + " body length: " + bodyLength
                    + " (expected: " + (min == max ? String.valueOf(min) : min + ".." + max) + ")");
        }
        return (int) bodyLength;
    }

    /**
     * Parses the frame whose header starts at {@code index}, after {@link #checkHeader} passed
     * and the whole body is readable. A Data frame holds retained slices of {@code buf}.
     */
    static Frame readBody(ByteBuf buf, int index, int bodyLength) {
        int type = buf.getUnsignedByte(index + 1);
        int flags = buf.getUnsignedByte(index + 2);
        int body = index + HEADER_LENGTH;
        return switch (type) {
            case TYPE_HELLO -> readHello(buf, body, bodyLength);
            case TYPE_DATA -> readData(buf, body, bodyLength, (flags & FrameFormat.FLAG_OFFLOAD) != 0);
            case TYPE_CHALLENGE -> {
                byte[] nonce = new byte[FrameFormat.CHALLENGE_BODY];
                buf.getBytes(body, nonce);
                yield new Frame.Challenge(nonce);
            }
            default -> new Frame.Keepalive(buf.getLong(body), (flags & FLAG_REPLY) != 0);
        };
    }

    private static Frame.Hello readHello(ByteBuf buf, int body, int bodyLength) {
        int end = body + bodyLength;
        int version = buf.getUnsignedShort(body);
        int at = body + 2;
        String node = readName(buf, at, end, "node");
        at += 1 + node.length();
        String link = readName(buf, at, end, "link");
        at += 1 + link.length();
        if (at >= end) {
            throw new FrameException("hello authTag: missing (expected: a length byte at body offset " + (at - body) + ")");
        }
        int tagLength = buf.getUnsignedByte(at);
        at++;
        if (tagLength > FrameFormat.MAX_AUTH_TAG_LENGTH) {
            throw new FrameException("hello authTag length: " + tagLength + " (expected: at most " + FrameFormat.MAX_AUTH_TAG_LENGTH + ")");
        }
        if (at + tagLength != end) {
            throw new FrameException("hello authTag length: " + tagLength
                    + " (expected: " + (end - at) + ", the bytes left in the body)");
        }
        byte[] tag = new byte[tagLength];
        buf.getBytes(at, tag);
        return new Frame.Hello(version, node, link, tag);
    }

    private static String readName(ByteBuf buf, int at, int end, String what) {
        if (at >= end) {
            throw new FrameException("hello " + what + ": missing (expected: a length byte)");
        }
        int length = buf.getUnsignedByte(at);
        if (length < 1 || length > FrameFormat.MAX_NAME_LENGTH) {
            throw new FrameException("hello " + what + " length: " + length + " (expected: 1.." + FrameFormat.MAX_NAME_LENGTH + ")");
        }
        if (at + 1 + length > end) {
            throw new FrameException("hello " + what + " length: " + length
                    + " (expected: at most " + (end - at - 1) + ", the bytes left in the body)");
        }
        // Names are ASCII by rule, so a byte outside [a-z0-9-] is rejected before any decoding.
        for (int i = at + 1; i <= at + length; i++) {
            byte b = buf.getByte(i);
            if (!(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-')) {
                throw new FrameException("hello " + what + ": byte 0x" + Integer.toHexString(b & 0xff)
                        + " at offset " + (i - at - 1) + " (expected: [a-z0-9-])");
            }
        }
        return buf.toString(at + 1, length, StandardCharsets.US_ASCII);
    }

    private static Frame.Data readData(ByteBuf buf, int body, int bodyLength, boolean offload) {
        int end = body + bodyLength;
        int count = buf.getUnsignedShort(body);
        int meta = offload ? FrameFormat.OFFLOAD_ENTRY : 0;
        int minEntry = 3 + meta;
        // Each packet takes at least three bytes (thirteen with offload fields), so a count the
        // body cannot hold is refused before the packet array is sized by it.
        if (count < 1 || (long) minEntry * count > bodyLength - 2) {
            throw new FrameException("data packet count: " + count
                    + " (expected: 1.." + (bodyLength - 2) / minEntry + " for a " + bodyLength + "-byte body)");
        }
        int at = body + 2;
        for (int i = 0; i < count; i++) {
            if (at + 2 + meta > end) {
                throw new FrameException("data packet " + (i + 1) + " of " + count
                        + ": body ends at offset " + (at - body) + " (expected: a 2-byte length"
                        + (offload ? " and " + meta + " bytes of offload fields)" : ")"));
            }
            int length = buf.getUnsignedShort(at);
            if (length == 0) {
                throw new FrameException("data packet " + (i + 1) + " of " + count + " length: 0 (expected: 1.." + FrameFormat.MAX_PACKET_LENGTH + ")");
            }
            if (at + 2 + meta + length > end) {
                throw new FrameException("data packet " + (i + 1) + " of " + count + " length: " + length
                        + " (expected: at most " + (end - at - 2 - meta) + ", the bytes left in the body)");
            }
            at += 2 + meta + length;
        }
        if (at != end) {
            throw new FrameException("data body: " + (end - at) + " trailing bytes after " + count + " packets (expected: none)");
        }
        // Second pass only after the whole body checked out, so nothing retained needs undoing.
        // A pooled frame: no arrays per frame.
        Frame.Data data = Frame.Data.open(count);
        if (offload) {
            data.markOffloads();
        }
        at = body + 2;
        try {
            for (int i = 0; i < count; i++) {
                int length = buf.getUnsignedShort(at);
                ByteBuf packet = buf.retainedSlice(at + 2 + meta, length);
                data.append(packet, offload ? readOffload(buf, at + 2, packet) : 0L);
                at += 2 + meta + length;
            }
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        return data;
    }

    /**
     * An entry's offload fields, checked against its packet ({@link Offload#check}, and hdr_len
     * must be what the packet's headers make): metadata that does not fit its packet is not a
     * broken stream, so it becomes {@link Offload#INVALID} and the node drops that one packet,
     * counted as bad-offload.
     */
    private static long readOffload(ByteBuf buf, int at, ByteBuf packet) {
        int flags = buf.getUnsignedByte(at);
        int gsoType = buf.getUnsignedByte(at + 1);
        int hdrLen = buf.getUnsignedShort(at + 2);
        long meta = Offload.pack(gsoType, flags, buf.getUnsignedShort(at + 4), buf.getUnsignedShort(at + 6), buf.getUnsignedShort(at + 8));
        long checked = Offload.check(packet, meta);
        if (checked == Offload.INVALID) {
            return Offload.INVALID;
        }
        int expected = checked == Offload.NONE ? 0 : Offload.headerLength(packet, checked);
        return hdrLen == expected ? checked : Offload.INVALID;
    }
}
