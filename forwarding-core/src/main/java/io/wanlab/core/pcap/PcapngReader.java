package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Enhanced Packet Blocks of a pcapng file (either byte order, several sections),
 * skipping block types it does not know. For tests and evidence extraction, not for speed: each
 * packet is copied into its own array.
 *
 * <p>Malformed or truncated input gives a {@link PcapngFormatException} naming the byte offset;
 * packets before the damage have already been returned, so a capture cut short by a crash still
 * yields what was written. Memory stays bounded by the largest block actually present (at most
 * 16 MiB). Not thread-safe: one reader per thread.
 */
public final class PcapngReader implements Closeable {
    private static final int EPB_FIXED_BYTES = 20;
    private static final int IDB_FIXED_BYTES = 8;
    private static final int SHB_FIXED_BYTES = 16;

    private final ReadableByteChannel channel;
    private final PcapngBlockInput input;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private PcapngSection section;
    /** Value extent of the option found by {@link #nextOption}. */
    private int optionLength;
    private int optionEnd;

    public static PcapngReader open(Path path) throws IOException {
        requireNonNull(path, "path");
        return new PcapngReader(FileChannel.open(path));
    }

    /** Reads every packet of {@code path}. */
    public static List<CapturedPacket> readAll(Path path) throws IOException {
        try (PcapngReader reader = open(path)) {
            List<CapturedPacket> packets = new ArrayList<>();
            for (CapturedPacket packet = reader.next(); packet != null; packet = reader.next()) {
                packets.add(packet);
            }
            return packets;
        }
    }

    /** Reads from a blocking channel; {@link #close()} closes it. */
    public PcapngReader(ReadableByteChannel channel) {
        this.channel = requireNonNull(channel, "channel");
        this.input = new PcapngBlockInput(channel);
    }

    public PcapngReader(InputStream in) {
        this(Channels.newChannel(requireNonNull(in, "in")));
    }

    /** The next packet, or null at the end of the file. */
    public CapturedPacket next() throws IOException {
        for (ByteBuffer body = input.next(); body != null; body = input.next()) {
            long bodyOffset = input.blockOffset() + 8;
            switch (input.blockType()) {
                case Pcapng.BLOCK_SECTION_HEADER -> readSectionHeader(body, bodyOffset);
                case Pcapng.BLOCK_INTERFACE_DESCRIPTION -> readInterface(body, bodyOffset);
                case Pcapng.BLOCK_ENHANCED_PACKET -> {
                    return readPacket(body, bodyOffset);
                }
                default -> {
                    // Statistics, name resolution, custom blocks...: not ours to interpret.
                }
            }
        }
        return null;
    }

    /** Interfaces described so far in the current section, indexed by id. */
    public List<PcapngInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** The current section's header, or null before the first {@link #next()}. */
    public PcapngSection section() {
        return section;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readSectionHeader(ByteBuffer body, long bodyOffset) throws PcapngFormatException {
        body.position(4); // byte-order magic, already checked
        int major = body.getShort() & 0xFFFF;
        int minor = body.getShort() & 0xFFFF;
        body.getLong(); // section length: we read sequentially and need not skip sections
        if (major != 1) {
            throw new PcapngFormatException(bodyOffset + 4, "version " + major + "." + minor + " (expected: 1.x)");
        }
        String hardware = null;
        String os = null;
        String application = null;
        for (int code = nextOption(body, bodyOffset); code >= 0; code = nextOption(body, bodyOffset)) {
            switch (code) {
                case Pcapng.OPT_SHB_HARDWARE -> hardware = optionString(body);
                case Pcapng.OPT_SHB_OS -> os = optionString(body);
                case Pcapng.OPT_SHB_USERAPPL -> application = optionString(body);
                default -> {
                }
            }
            body.position(optionEnd);
        }
        // Interface ids are per section.
        interfaces.clear();
        section = new PcapngSection(major, minor, hardware, os, application);
    }

    private void readInterface(ByteBuffer body, long bodyOffset) throws PcapngFormatException {
        requireFixed(body, IDB_FIXED_BYTES, bodyOffset, "Interface Description Block");
        int linkType = body.getShort() & 0xFFFF;
        body.getShort(); // reserved
        int snapLength = body.getInt();
        String name = null;
        String description = null;
        int resolution = PcapngInterface.DEFAULT_TSRESOL;
        long offsetSeconds = 0;
        for (int code = nextOption(body, bodyOffset); code >= 0; code = nextOption(body, bodyOffset)) {
            switch (code) {
                case Pcapng.OPT_IF_NAME -> name = optionString(body);
                case Pcapng.OPT_IF_DESCRIPTION -> description = optionString(body);
                case Pcapng.OPT_IF_TSRESOL -> {
                    requireOptionLength(1, bodyOffset + body.position() - 4, "if_tsresol");
                    resolution = body.get(body.position()) & 0xFF;
                }
                case Pcapng.OPT_IF_TSOFFSET -> {
                    requireOptionLength(8, bodyOffset + body.position() - 4, "if_tsoffset");
                    offsetSeconds = body.getLong(body.position());
                }
                default -> {
                }
            }
            body.position(optionEnd);
        }
        interfaces.add(new PcapngInterface(interfaces.size(), linkType, snapLength, name, description,
                resolution, offsetSeconds));
    }

    private CapturedPacket readPacket(ByteBuffer body, long bodyOffset) throws PcapngFormatException {
        requireFixed(body, EPB_FIXED_BYTES, bodyOffset, "Enhanced Packet Block");
        int interfaceId = body.getInt();
        long rawTimestamp = ((long) body.getInt() << 32) | (body.getInt() & 0xFFFF_FFFFL);
        int capturedLength = body.getInt();
        int originalLength = body.getInt();
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new PcapngFormatException(bodyOffset, "interface id " + Integer.toUnsignedString(interfaceId)
                    + " (expected: one of the " + interfaces.size() + " interfaces described before it)");
        }
        long paddedLength = (Integer.toUnsignedLong(capturedLength) + 3) & ~3L;
        if (paddedLength > body.remaining()) {
            throw new PcapngFormatException(bodyOffset + 12, "captured length " + Integer.toUnsignedString(capturedLength)
                    + " (expected: at most the " + body.remaining() + " bytes left in the block)");
        }
        if (originalLength < 0) {
            throw new PcapngFormatException(bodyOffset + 16, "original length " + Integer.toUnsignedString(originalLength)
                    + " (expected: below 2^31)");
        }
        byte[] data = new byte[capturedLength];
        body.get(data);
        body.position(body.position() + (int) paddedLength - capturedLength);
        String comment = null;
        for (int code = nextOption(body, bodyOffset); code >= 0; code = nextOption(body, bodyOffset)) {
            if (code == Pcapng.OPT_COMMENT && comment == null) {
                comment = optionString(body);
            }
            body.position(optionEnd);
        }
        PcapngInterface described = interfaces.get(interfaceId);
        long timestampNanos;
        try {
            timestampNanos = described.toEpochNanos(rawTimestamp);
        } catch (ArithmeticException e) {
            throw new PcapngFormatException(bodyOffset + 4, "timestamp " + Long.toUnsignedString(rawTimestamp)
                    + " at resolution " + described.timestampResolution() + " (expected: within 1970..2262)");
        }
        return new CapturedPacket(interfaceId, described.name(), timestampNanos, data, comment, originalLength);
    }

    /**
     * Positions {@code body} at the next option's value and returns its code, or -1 at
     * opt_endofopt or the end of the block (the option list may be absent or unterminated).
     */
    private int nextOption(ByteBuffer body, long bodyOffset) throws PcapngFormatException {
        if (body.remaining() < 4) {
            return -1;
        }
        int at = body.position();
        int code = body.getShort() & 0xFFFF;
        optionLength = body.getShort() & 0xFFFF;
        if (code == Pcapng.OPT_END_OF_OPT) {
            return -1;
        }
        int padded = Pcapng.pad4(optionLength);
        if (padded > body.remaining()) {
            throw new PcapngFormatException(bodyOffset + at, "option " + code + " of length " + optionLength
                    + " (expected: at most the " + body.remaining() + " bytes left in the block)");
        }
        optionEnd = body.position() + padded;
        return code;
    }

    /** The current option's value as UTF-8, without the NUL padding some writers count into the length. */
    private String optionString(ByteBuffer body) {
        int start = body.position();
        int end = start + optionLength;
        while (end > start && body.get(end - 1) == 0) {
            end--;
        }
        byte[] bytes = new byte[end - start];
        body.get(start, bytes);
        return new String(bytes, UTF_8);
    }

    private void requireOptionLength(int expected, long at, String option) throws PcapngFormatException {
        if (optionLength != expected) {
            throw new PcapngFormatException(at, option + " option of length " + optionLength
                    + " (expected: " + expected + ")");
        }
    }

    private static void requireFixed(ByteBuffer body, int bytes, long bodyOffset, String block)
            throws PcapngFormatException {
        if (body.remaining() < bytes) {
            throw new PcapngFormatException(bodyOffset - 8, block + " of " + (body.remaining() + 12)
                    + " bytes (expected: at least " + (bytes + 12) + ")");
        }
    }
}
