package io.wanlab.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds frame bytes by hand, so tests can write frames the encoder would never produce. */
final class FrameBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static FrameBytes bytes() {
        return new FrameBytes();
    }

    /** A whole frame with the header's length set to the body's real length. */
    static byte[] frame(int type, int flags, byte[] body) {
        return bytes().header(type, flags, body.length).raw(body).toArray();
    }

    FrameBytes header(int type, int flags, long bodyLength) {
        return u8(FrameFormat.MAGIC_VERSION).u8(type).u8(flags).u32(bodyLength);
    }

    FrameBytes u8(int value) {
        out.write(value);
        return this;
    }

    FrameBytes u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    FrameBytes u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    FrameBytes u64(long value) {
        return u32(value >>> 32).u32(value);
    }

    FrameBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A length byte then the ASCII text. */
    FrameBytes name(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return u8(b.length).raw(b);
    }

    /** A u16 length then {@code length} bytes of filler. */
    FrameBytes packet(int length) {
        u16(length);
        for (int i = 0; i < length; i++) {
            u8(i);
        }
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static byte[] toArray(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }

    /** The packets of a Data frame as arrays (the frame is not released). */
    static List<byte[]> packets(Frame.Data data) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            list.add(toArray(data.packet(i)));
        }
        return list;
    }

    static ByteBuf wrap(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }
}
