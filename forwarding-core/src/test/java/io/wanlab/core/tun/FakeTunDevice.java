package io.wanlab.core.tun;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;

/**
 * An in-memory TUN for tests: {@link #inject} queues packets as if the kernel had routed them
 * into the device; {@link #written()} holds copies of what the device's owner wrote. Thread-safe.
 */
public final class FakeTunDevice implements TunDevice {
    private final String name;
    private final int mtu;
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private final List<byte[]> written = new ArrayList<>();
    private boolean open = true;
    private int capacity = Integer.MAX_VALUE;

    public FakeTunDevice(String name, int mtu) {
        this.name = requireNonNull(name, "name");
        this.mtu = mtu;
    }

    /** Queues a packet for the next {@link #read}; does not release {@code packet}. */
    public synchronized void inject(ByteBuf packet) {
        byte[] copy = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), copy);
        inbound.add(copy);
        notifyAll();
    }

    /** Makes writes fail (return false) once this many packets were written, as a full queue does. */
    public synchronized void capacity(int packets) {
        this.capacity = packets;
    }

    public synchronized List<byte[]> written() {
        return List.copyOf(written);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public synchronized int read(ByteBuf dst) {
        if (!open) {
            return -1;
        }
        byte[] p = inbound.poll();
        if (p == null) {
            return 0;
        }
        int n = Math.min(p.length, mtu);
        dst.writeBytes(p, 0, n);
        return n;
    }

    @Override
    public synchronized boolean write(ByteBuf packet) throws IOException {
        if (!open) {
            throw new IOException("write " + name + ": device closed");
        }
        if (written.size() >= capacity) {
            return false;
        }
        byte[] copy = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), copy);
        written.add(copy);
        return true;
    }

    @Override
    public synchronized boolean awaitReadable(int timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (open && inbound.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return open && !inbound.isEmpty();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
        notifyAll();
    }
}
