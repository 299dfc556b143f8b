package io.wanlab.core.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * A read-ahead window over a channel: one large read per megabyte instead of one per record. The
 * window grows only as bytes actually arrive, so a record length that lies past the end of a short
 * file allocates little; callers bound the lengths they request.
 */
final class CaptureInput {
    private static final int CHUNK_BYTES = 1 << 20;

    private final ReadableByteChannel channel;
    /** Unread bytes lie between position and limit. */
    private ByteBuffer buffer;
    /** File offset of the buffer's index 0. */
    private long bufferStart;
    private boolean endOfFile;

    /** {@code expectedBytes}, the file size where known, keeps the window of a small file small. */
    CaptureInput(ReadableByteChannel channel, long expectedBytes) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate((int) Math.clamp(expectedBytes, 64, CHUNK_BYTES)).flip();
    }

    /**
     * Makes {@code bytes} unread bytes available in {@link #buffer()} from its position; false when
     * the file ends first ({@link #available()} then says how many there are).
     */
    boolean request(int bytes) throws IOException {
        while (buffer.remaining() < bytes) {
            if (endOfFile) {
                return false;
            }
            int consumed = buffer.position();
            buffer.compact();
            bufferStart += consumed;
            if (!buffer.hasRemaining()) {
                grow(bytes);
            }
            if (channel.read(buffer) < 0) {
                endOfFile = true;
            }
            buffer.flip();
        }
        return true;
    }

    /** The window, valid until the next {@link #request}; absolute gets from its position. */
    ByteBuffer buffer() {
        return buffer;
    }

    int available() {
        return buffer.remaining();
    }

    void skip(int bytes) {
        buffer.position(buffer.position() + bytes);
    }

    /** File offset of the next unread byte. */
    long offset() {
        return bufferStart + buffer.position();
    }

    void order(ByteOrder order) {
        buffer.order(order);
    }

    void close() throws IOException {
        channel.close();
    }

    /** Called in write mode with the buffer full. */
    private void grow(int needed) {
        int capacity = (int) Math.min(needed, buffer.capacity() * 2L);
        ByteBuffer larger = ByteBuffer.allocate(capacity).order(buffer.order());
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }
}
