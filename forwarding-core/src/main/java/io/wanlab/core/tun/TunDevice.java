package io.wanlab.core.tun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.Offload;
import java.io.Closeable;
import java.io.IOException;

/**
 * A layer-3 TUN device: every read returns one IP packet, every write sends one. With offloads on
 * ({@link #offloads}), a read may return a super-packet of up to 64 KiB with its {@link Offload}
 * metadata ({@link #lastReadOffload}), and a write takes one with its metadata. Reads are
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

    /**
     * The offload metadata of the packet the last {@link #read} returned ({@link Offload#NONE}
     * without offloads). On the reading thread only.
     */
    default long lastReadOffload() {
        return Offload.NONE;
    }

    /** The offloads the kernel accepted, as words (for example {@code "csum tso4 tso6 uso4 uso6"}); "off" without. */
    default String offloads() {
        return "off";
    }

    /** The device's file descriptor, for registering it with an event loop's epoll; -1 if it has none. */
    default int fd() {
        return -1;
    }

    /** The largest packet a read can return. */
    default int maxReadLength() {
        return mtu();
    }

    /**
     * Writes a packet with its (checked) {@link Offload} metadata. This default, for a device
     * without offloads, completes the checksum or cuts a super-packet into plain packets in
     * software and writes each; a device with offloads hands the metadata to the kernel.
     *
     * @return false if the kernel refused a (segment of the) packet
     */
    default boolean write(ByteBuf packet, long offload) throws IOException {
        if (offload == Offload.NONE) {
            return write(packet);
        }
        if (!Offload.isGso(offload)) {
            Offload.completeChecksum(packet, offload);
            return write(packet);
        }
        ByteBuf scratch = Unpooled.directBuffer(Offload.headerLength(packet, offload) + Offload.gsoSize(offload));
        try {
            IOException[] failure = new IOException[1];
            boolean[] refused = new boolean[1];
            Offload.segment(packet, offload, scratch, segment -> {
                try {
                    refused[0] |= !write(segment);
                    return true;
                } catch (IOException e) {
                    failure[0] = e;
                    return false;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return !refused[0];
        } finally {
            scratch.release();
        }
    }

    /** Waits up to {@code timeoutMillis} for a packet; true if one can be read now. */
    boolean awaitReadable(int timeoutMillis) throws IOException;

    boolean isOpen();

    @Override
    void close();
}
