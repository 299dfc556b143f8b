package io.wanlab.core.tun;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;

/**
 * A layer-3 TUN device: every read returns one IP packet, every write sends one. Reads are
 * non-blocking; {@link #awaitReadable} waits for the next packet. One thread reads, one thread
 * writes (they may differ); {@link #close} may be called from any thread and wakes a waiting reader.
 */
public interface TunDevice extends Closeable {

    /** The kernel's name for the device (for example wl-lan). */
    String name();

    int mtu();

    /**
     * Reads one packet into {@code dst}'s writable space, advancing its writer index.
     *
     * @return the packet's length, 0 if no packet is waiting, -1 once the device is closed
     */
    int read(ByteBuf dst) throws IOException;

    /**
     * Writes the readable bytes of {@code packet} as one packet; does not release it.
     *
     * @return false if the kernel's queue is full and the packet was dropped
     */
    boolean write(ByteBuf packet) throws IOException;

    /** Waits up to {@code timeoutMillis} for a packet; true if one can be read now. */
    boolean awaitReadable(int timeoutMillis) throws IOException;

    boolean isOpen();

    @Override
    void close();
}
