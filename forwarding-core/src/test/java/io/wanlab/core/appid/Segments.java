package io.wanlab.core.appid;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds byte arrays as TCP segments: each in a pooled direct buffer whose reader index sits past
 * some junk bytes (so a parser that ignores the reader index or needs a backing array fails), checks
 * that the offer moved no index and kept no reference, then releases it.
 */
final class Segments {
    private static final int JUNK = 3;

    private Segments() {}

    /** The result of every offer, in order. */
    static List<Identification> offerAll(Function<ByteBuf, Identification> offer, List<byte[]> segments) {
        List<Identification> results = new ArrayList<>(segments.size());
        for (byte[] s : segments) {
            results.add(offerOne(offer, s));
        }
        return results;
    }

    static Identification last(Function<ByteBuf, Identification> offer, List<byte[]> segments) {
        return offerAll(offer, segments).getLast();
    }

    static Identification offerOne(Function<ByteBuf, Identification> offer, byte[] segment) {
        return offerOne(offer, segment, PooledByteBufAllocator.DEFAULT.directBuffer(JUNK + segment.length));
    }

    /**
     * As {@link #offerOne(Function, byte[])}, in an untracked heap buffer: paranoid leak detection
     * records a stack trace per read, which would make the fuzz tests' 70k inputs take minutes.
     */
    static Identification offerOneUntracked(Function<ByteBuf, Identification> offer, byte[] segment) {
        return offerOne(offer, segment, Unpooled.wrappedBuffer(new byte[JUNK + segment.length]).clear());
    }

    private static Identification offerOne(Function<ByteBuf, Identification> offer, byte[] segment, ByteBuf buf) {
        try {
            buf.writeBytes(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee}).writeBytes(segment).readerIndex(JUNK);
            Identification r = offer.apply(buf);
            assertThat(buf.readerIndex()).as("offer leaves the reader index alone").isEqualTo(JUNK);
            assertThat(buf.writerIndex()).as("offer leaves the writer index alone").isEqualTo(JUNK + segment.length);
            assertThat(buf.refCnt()).as("offer does not retain or release the caller's buffer").isEqualTo(1);
            return r;
        } finally {
            buf.release();
        }
    }

    static List<byte[]> whole(byte[] data) {
        return List.of(data);
    }

    /** {@code data} cut at the given ascending offsets. */
    static List<byte[]> split(byte[] data, int... at) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            out.add(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        out.add(Arrays.copyOfRange(data, from, data.length));
        return out;
    }

    /** {@code data} in segments of {@code size} bytes (the last may be shorter). */
    static List<byte[]> chunks(byte[] data, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p < data.length; p += size) {
            out.add(Arrays.copyOfRange(data, p, Math.min(data.length, p + size)));
        }
        return out;
    }
}
