package io.wanlab.core.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Classic pcap: a 24-byte file header (magic a1b2c3d4 for microseconds, a1b23c4d for nanoseconds,
 * in the writer's byte order), then 16-byte record headers each followed by the captured bytes.
 * Records carry no trailing length to resynchronise on, so a lying captured length ends the file
 * with a {@link CaptureFormatException}; a record cut by the end of the file is counted as
 * "truncated-record".
 */
final class PcapSource implements CaptureSource {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int FILE_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;

    private final Path file;
    private final CaptureInput input;
    private final CaptureCounts counts = new CaptureCounts();
    private final LinkLayer link = new LinkLayer();
    private final int linkType;
    private final long nanosPerFraction;
    private boolean done;

    /** Reads the file header; {@code input} is at offset 0 with at least 4 bytes, the magic, available. */
    PcapSource(Path file, CaptureInput input) throws IOException {
        this.file = file;
        this.input = input;
        int magic = input.buffer().order(ByteOrder.BIG_ENDIAN).getInt(input.buffer().position());
        ByteOrder order = magic == MAGIC_MICROS || magic == MAGIC_NANOS ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        nanosPerFraction = magic == MAGIC_MICROS || magic == Integer.reverseBytes(MAGIC_MICROS) ? 1_000 : 1;
        if (!input.request(FILE_HEADER_BYTES)) {
            throw new CaptureFormatException(file, 0, "pcap file header of " + input.available()
                    + " bytes (expected: " + FILE_HEADER_BYTES + ")");
        }
        input.order(order);
        ByteBuffer header = input.buffer();
        int at = header.position();
        int major = header.getShort(at + 4) & 0xFFFF;
        int minor = header.getShort(at + 6) & 0xFFFF;
        if (major != 2) {
            throw new CaptureFormatException(file, 4, "pcap version " + major + "." + minor + " (expected: 2.x)");
        }
        // The upper bits of the link-type field carry FCS flags, not the type.
        linkType = header.getInt(at + 20) & 0xFFFF;
        input.skip(FILE_HEADER_BYTES);
    }

    @Override
    public CaptureFrame next() throws IOException {
        while (!done) {
            long recordOffset = input.offset();
            if (!input.request(RECORD_HEADER_BYTES)) {
                return end();
            }
            ByteBuffer buffer = input.buffer();
            int at = buffer.position();
            int captured = buffer.getInt(at + 8);
            if (captured < 0 || captured > Pcapng.SNAP_LENGTH) {
                throw new CaptureFormatException(file, recordOffset + 8, "record captured length "
                        + Integer.toUnsignedString(captured) + " (expected: 0.." + Pcapng.SNAP_LENGTH + ")");
            }
            if (!input.request(RECORD_HEADER_BYTES + captured)) {
                return end();
            }
            buffer = input.buffer();
            at = buffer.position();
            long frameNumber = counts.frame();
            int start = link.ipv4Start(linkType, buffer, at + RECORD_HEADER_BYTES, captured);
            if (start < 0) {
                counts.skip(link.reason());
                input.skip(RECORD_HEADER_BYTES + captured);
                continue;
            }
            long seconds = Integer.toUnsignedLong(buffer.getInt(at));
            long fraction = Integer.toUnsignedLong(buffer.getInt(at + 4));
            long original = Integer.toUnsignedLong(buffer.getInt(at + 12));
            byte[] ipv4 = new byte[link.length()];
            buffer.get(start, ipv4);
            input.skip(RECORD_HEADER_BYTES + captured);
            counts.ipv4();
            return new CaptureFrame(frameNumber, seconds * 1_000_000_000L + fraction * nanosPerFraction, ipv4,
                    captured < original, null);
        }
        return null;
    }

    /** The file ended; bytes left over are a record it cut short. */
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
