package io.wanlab.core.node;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.pcap.CaptureClock;
import io.wanlab.core.pcap.PcapngWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One capture point written to its own pcapng file. A tap that fails to write turns itself off
 * and remembers why, rather than taking the data plane down with it.
 */
public final class Tap implements AutoCloseable {
    private final String name;
    private final PcapngWriter writer;
    private final int iface;
    private String failure;
    private long packets;

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
        if (failure != null) {
            return;
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
        try {
            writer.close();
        } catch (IOException e) {
            failure = e.toString();
        }
    }
}
