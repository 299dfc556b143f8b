package io.wanlab.core.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.pcap.CaptureClock;
import io.wanlab.core.pcap.PcapngWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One capture point written to its own pcapng file. A tap that fails to write turns itself off
 * and remembers why, rather than taking the data plane down with it.
 *
 * <p>With TUN offloads a tap sees what a capture on a real interface with TSO/GRO shows: the
 * super-packet whole (up to 64 KiB, one record), not the segments the kernel makes of it. Unlike
 * such a capture, whose checksum is the partial pseudo-header sum (tshark: "incorrect, maybe
 * caused by checksum offload"), the captured copy gets its full checksum, so the evidence checks.
 */
public final class Tap implements AutoCloseable {
    private final String name;
    private final PcapngWriter writer;
    private final int iface;
    private String failure;
    private long packets;
    /** The copy whose checksum is filled in; made on the first offloaded packet, then reused. */
    private ByteBuf copy;

    private Tap(String name, PcapngWriter writer, int iface) {
        this.name = name;
        this.writer = writer;
        this.iface = iface;
    }

    public static Tap open(Path file, String name, String description) throws IOException {
        PcapngWriter w = PcapngWriter.open(file);
        return new Tap(name, w, w.addInterface(name, description));
    }

    public void write(ByteBuf packet, String comment) {
        write(packet, Offload.NONE, comment);
    }

    /** Writes a packet with its {@link Offload} metadata: a partial checksum is completed in the captured copy only. */
    public void write(ByteBuf packet, long offload, String comment) {
        if (failure != null) {
            return;
        }
        if (Offload.needsChecksum(offload)) {
            if (copy == null) {
                copy = Unpooled.directBuffer(65_536);
            }
            copy.clear().writeBytes(packet, packet.readerIndex(), packet.readableBytes());
            Offload.fullChecksum(copy, offload);
            packet = copy;
        }
        try {
            writer.writePacket(iface, CaptureClock.SYSTEM.epochNanos(), packet, comment);
            packets++;
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
    }

    public String name() {
        return name;
    }

    public long packets() {
        return packets;
    }

    public String failure() {
        return failure;
    }

    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            failure = e.toString();
        }
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.release();
            copy = null;
        }
        try {
            writer.close();
        } catch (IOException e) {
            failure = e.toString();
        }
    }
}
