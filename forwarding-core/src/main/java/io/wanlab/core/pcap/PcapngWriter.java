package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.Pcapng.pad4;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one pcapng section of raw IPv4 packets: a Section Header Block, an Interface Description
 * Block per tap point ({@link Pcapng#LINKTYPE_IPV4}, one snap length, nanosecond timestamps) and an
 * Enhanced Packet Block per packet, optionally with a comment naming the rule and transport the
 * packet took.
 *
 * <p>Threading: every public method is {@code synchronized}, so tap points on different event loops
 * may share one writer; each call writes whole blocks, so blocks never interleave. Writing is
 * buffered in one reused heap buffer; a packet costs no allocation except the UTF-8 bytes of a
 * comment that is not the same {@code String} instance as the previous packet's comment.
 *
 * <p>The target must be a blocking channel. After an {@link IOException} from the target the
 * writer refuses further writes (the file may end with a partial block, which
 * {@link PcapngReader} reports as truncated); close it.
 */
public final class PcapngWriter implements Closeable {
    static final int BUFFER_BYTES = 64 * 1024;
    /** Fixed part of an EPB: type, length, interface, timestamp (2), captured and original length. */
    private static final int EPB_HEADER_BYTES = 28;

    private final WritableByteChannel channel;
    private final OutputStream stream;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private int interfaceCount;
    private String lastComment;
    private byte[] lastCommentBytes;
    private boolean closed;
    private IOException failure;

    /** Creates (or truncates) {@code path} and starts a section there. */
    public static PcapngWriter open(Path path) throws IOException {
        requireNonNull(path, "path");
        return new PcapngWriter(FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    /** Starts a section on {@code channel}, recording this JVM's OS name and version in shb_os. */
    public PcapngWriter(WritableByteChannel channel) {
        this(channel, null, System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** Starts a section on {@code out}; {@link #flush()} flushes the stream too, {@link #close()} closes it. */
    public PcapngWriter(OutputStream out) {
        this(Channels.newChannel(requireNonNull(out, "out")), out, null,
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** Starts a section on {@code channel}; {@code hardware} and {@code os} may be null to leave them out. */
    public PcapngWriter(WritableByteChannel channel, String hardware, String os) {
        this(requireNonNull(channel, "channel"), null, hardware, os);
    }

    private PcapngWriter(WritableByteChannel channel, OutputStream stream, String hardware, String os) {
        this.channel = channel;
        this.stream = stream;
        writeSectionHeader(hardware, os);
    }

    /**
     * Describes a tap point and returns its interface id (0, 1, ... in call order) for
     * {@link #writePacket}. May be called after packets were written.
     */
    public synchronized int addInterface(String name, String description) throws IOException {
        requireNonNull(name, "name");
        ensureWritable();
        byte[] nameBytes = BoundedUtf8.encode(name, Pcapng.MAX_STRING_BYTES);
        byte[] descriptionBytes = description == null ? null : BoundedUtf8.encode(description, Pcapng.MAX_STRING_BYTES);
        // type, length, linktype, reserved, snaplen; options; if_tsresol (4 + 1 padded to 4); end of options; length
        int length = 16 + optionLength(nameBytes) + optionLength(descriptionBytes) + 8 + 4 + 4;
        startBlock(Pcapng.BLOCK_INTERFACE_DESCRIPTION, length, 8);
        buffer.putShort((short) Pcapng.LINKTYPE_IPV4).putShort((short) 0).putInt(Pcapng.SNAP_LENGTH);
        putOption(Pcapng.OPT_IF_NAME, nameBytes);
        putOption(Pcapng.OPT_IF_DESCRIPTION, descriptionBytes);
        ensure(8);
        buffer.putShort((short) Pcapng.OPT_IF_TSRESOL).putShort((short) 1).putInt(Pcapng.TSRESOL_NANOS);
        endOptionsAndBlock(length);
        return interfaceCount++;
    }

    /**
     * Appends {@code packet}'s readable bytes (an IPv4 packet) as seen on {@code interfaceId} at
     * {@code timestampNanos} (see {@link CaptureClock}). The packet's indices and reference count
     * are left alone. Packets longer than {@link Pcapng#SNAP_LENGTH} are truncated, keeping the
     * original length; comments longer than {@link Pcapng#MAX_STRING_BYTES} are cut; a null or
     * empty comment writes no option.
     */
    public synchronized void writePacket(int interfaceId, long timestampNanos, ByteBuf packet, String comment)
            throws IOException {
        requireNonNull(packet, "packet");
        ensureWritable();
        if (interfaceId < 0 || interfaceId >= interfaceCount) {
            throw new IllegalArgumentException("interfaceId: " + interfaceId + " (expected: an id returned by addInterface, "
                    + (interfaceCount == 0 ? "none added yet)" : "0.." + (interfaceCount - 1) + ")"));
        }
        if (packet.refCnt() == 0) {
            // Checked before the block starts: failing inside it would leave half a block in the file.
            throw new IllegalArgumentException("packet: already released (expected: refCnt > 0)");
        }
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestampNanos: " + timestampNanos + " (expected: >= 0, since 1970)");
        }
        byte[] commentBytes = commentBytes(comment);
        int originalLength = packet.readableBytes();
        int capturedLength = Math.min(originalLength, Pcapng.SNAP_LENGTH);
        int length = EPB_HEADER_BYTES + pad4(capturedLength) + 4;
        if (commentBytes != null) {
            length += optionLength(commentBytes) + 4;
        }
        startBlock(Pcapng.BLOCK_ENHANCED_PACKET, length, EPB_HEADER_BYTES - 8);
        buffer.putInt(interfaceId)
                .putInt((int) (timestampNanos >>> 32))
                .putInt((int) timestampNanos)
                .putInt(capturedLength)
                .putInt(originalLength);
        putPacketBytes(packet, packet.readerIndex(), capturedLength);
        putZeros(pad4(capturedLength) - capturedLength);
        if (commentBytes == null) {
            ensure(4);
            buffer.putInt(length);
            return;
        }
        putOption(Pcapng.OPT_COMMENT, commentBytes);
        endOptionsAndBlock(length);
    }

    /** Writes buffered blocks to the target (and flushes an {@link OutputStream} target). */
    public synchronized void flush() throws IOException {
        ensureWritable();
        drain();
        if (stream != null) {
            stream.flush();
        }
    }

    /** Flushes and closes the target; later calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                drain();
                if (stream != null) {
                    stream.flush();
                }
            }
        } finally {
            channel.close();
        }
    }

    private void writeSectionHeader(String hardware, String os) {
        byte[] hardwareBytes = hardware == null ? null : BoundedUtf8.encode(hardware, Pcapng.MAX_STRING_BYTES);
        byte[] osBytes = os == null ? null : BoundedUtf8.encode(os, Pcapng.MAX_STRING_BYTES);
        byte[] applicationBytes = BoundedUtf8.encode("wanlab", Pcapng.MAX_STRING_BYTES);
        int length = 24 + optionLength(hardwareBytes) + optionLength(osBytes) + optionLength(applicationBytes) + 4 + 4;
        // No I/O here (constructors stay free of IOException): the buffer is empty and three
        // bounded strings need far less than BUFFER_BYTES.
        buffer.putInt(Pcapng.BLOCK_SECTION_HEADER).putInt(length).putInt(Pcapng.BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0)
                .putLong(-1L); // section length unknown: we stream
        putOptionFitting(Pcapng.OPT_SHB_HARDWARE, hardwareBytes);
        putOptionFitting(Pcapng.OPT_SHB_OS, osBytes);
        putOptionFitting(Pcapng.OPT_SHB_USERAPPL, applicationBytes);
        buffer.putInt(0).putInt(length);
    }

    private byte[] commentBytes(String comment) {
        if (comment == null || comment.isEmpty()) {
            return null;
        }
        // Flows repeat the same comment instance ("rule X -> cato"): encode it once.
        if (comment != lastComment) {
            lastCommentBytes = BoundedUtf8.encode(comment, Pcapng.MAX_STRING_BYTES);
            lastComment = comment;
        }
        return lastCommentBytes;
    }

    private static int optionLength(byte[] value) {
        return value == null ? 0 : 4 + pad4(value.length);
    }

    /** Writes type and length, making room for them and the {@code fixedBytes} the caller puts next. */
    private void startBlock(int type, int length, int fixedBytes) throws IOException {
        ensure(8 + fixedBytes);
        buffer.putInt(type).putInt(length);
    }

    private void putOption(int code, byte[] value) throws IOException {
        if (value == null) {
            return;
        }
        ensure(optionLength(value));
        putOptionFitting(code, value);
    }

    /** Caller guarantees room: option values are at most MAX_STRING_BYTES, far below BUFFER_BYTES. */
    private void putOptionFitting(int code, byte[] value) {
        if (value == null) {
            return;
        }
        buffer.putShort((short) code).putShort((short) value.length).put(value);
        putZerosFitting(pad4(value.length) - value.length);
    }

    private void endOptionsAndBlock(int length) throws IOException {
        ensure(8);
        buffer.putInt(0).putInt(length);
    }

    private void putPacketBytes(ByteBuf packet, int index, int length) throws IOException {
        int end = index + length;
        while (index < end) {
            ensure(1);
            int n = Math.min(buffer.remaining(), end - index);
            int limit = buffer.limit();
            buffer.limit(buffer.position() + n);
            packet.getBytes(index, buffer); // absolute get: the packet's reader index stays put
            buffer.limit(limit);
            index += n;
        }
    }

    private void putZeros(int count) throws IOException {
        ensure(count);
        putZerosFitting(count);
    }

    private void putZerosFitting(int count) {
        for (int i = 0; i < count; i++) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            buffer.clear();
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (failure != null) {
            throw new IOException("pcapng writer: an earlier write failed (expected: close it)", failure);
        }
    }
}
