package io.wanlab.core.tun;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Linux TUN device opened through {@code /dev/net/tun} with IFF_TUN | IFF_NO_PI, driven by
 * libc calls through the FFM API (no JNI). The file descriptor is non-blocking; an eventfd-free
 * wake-up on close comes from polling with a short timeout.
 */
public final class LinuxTunDevice implements TunDevice {
    static final int IFNAMSIZ = 16;
    static final int MIN_MTU = 576;
    static final int MAX_MTU = 65535;

    private final String name;
    private final int mtu;
    private final int fd;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Arena arena = Arena.ofShared();
    private final MemorySegment pollFd;

    private LinuxTunDevice(String name, int mtu, int fd) {
        this.name = name;
        this.mtu = mtu;
        this.fd = fd;
        this.pollFd = arena.allocate(8);
    }

    /**
     * Creates (or attaches to) the TUN device {@code name} and sets its MTU. The caller brings it
     * up and gives it addresses (the orchestrator does, with ip commands).
     */
    public static LinuxTunDevice open(String name, int mtu) throws IOException {
        requireNonNull(name, "name");
        if (name.isEmpty() || name.length() >= IFNAMSIZ || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new IllegalArgumentException("TUN name: '" + name + "' (expected: 1..15 characters of [a-zA-Z0-9_.-])");
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu: " + mtu + " (expected: " + MIN_MTU + ".." + MAX_MTU + ")");
        }
        Libc libc = Libc.get();
        int fd = libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw libc.error("open /dev/net/tun (needs root or CAP_NET_ADMIN, and the tun module)");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = a.allocate(40);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (Libc.IFF_TUN | Libc.IFF_NO_PI));
            if (libc.ioctl(fd, Libc.TUNSETIFF, ifr) < 0) {
                IOException e = libc.error("ioctl TUNSETIFF " + name);
                libc.close(fd);
                throw e;
            }
            setMtu(libc, name, mtu, a);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
        return new LinuxTunDevice(name, mtu, fd);
    }

    private static void setMtu(Libc libc, String name, int mtu, Arena a) throws IOException {
        int sock = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        if (sock < 0) {
            throw libc.error("socket for SIOCSIFMTU");
        }
        try {
            MemorySegment ifr = a.allocate(40);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_INT, IFNAMSIZ, mtu);
            if (libc.ioctl(sock, Libc.SIOCSIFMTU, ifr) < 0) {
                throw libc.error("ioctl SIOCSIFMTU " + name + " mtu " + mtu);
            }
        } finally {
            libc.close(sock);
        }
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
    public int read(ByteBuf dst) throws IOException {
        if (!open.get()) {
            return -1;
        }
        dst.ensureWritable(mtu);
        int writerIndex = dst.writerIndex();
        MemorySegment target = MemorySegment.ofBuffer(dst.internalNioBuffer(writerIndex, dst.writableBytes()));
        Libc libc = Libc.get();
        long n = libc.read(fd, target, target.byteSize());
        if (n < 0) {
            int errno = libc.lastErrno();
            if (errno == Libc.EAGAIN) {
                return 0;
            }
            if (!open.get()) {
                return -1;
            }
            throw libc.error("read " + name, errno);
        }
        dst.writerIndex(writerIndex + (int) n);
        return (int) n;
    }

    @Override
    public boolean write(ByteBuf packet) throws IOException {
        if (!open.get()) {
            throw new IOException("write " + name + ": device closed");
        }
        int len = packet.readableBytes();
        MemorySegment source;
        if (packet.isDirect() && packet.nioBufferCount() == 1) {
            source = MemorySegment.ofBuffer(packet.internalNioBuffer(packet.readerIndex(), len));
        } else {
            byte[] copy = new byte[len];
            packet.getBytes(packet.readerIndex(), copy);
            source = MemorySegment.ofArray(copy);
        }
        Libc libc = Libc.get();
        long n = libc.write(fd, source, len);
        if (n < 0) {
            int errno = libc.lastErrno();
            if (errno == Libc.EAGAIN || errno == Libc.ENOBUFS) {
                return false;
            }
            throw libc.error("write " + name, errno);
        }
        return true;
    }

    @Override
    public boolean awaitReadable(int timeoutMillis) throws IOException {
        if (!open.get()) {
            return false;
        }
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        Libc libc = Libc.get();
        int r = libc.poll(pollFd, 1, timeoutMillis);
        if (r < 0) {
            int errno = libc.lastErrno();
            if (errno == Libc.EINTR) {
                return false;
            }
            throw libc.error("poll " + name, errno);
        }
        return r > 0 && (pollFd.get(ValueLayout.JAVA_SHORT, 6) & Libc.POLLIN) != 0;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            Libc.get().close(fd);
            // The shared arena outlives a reader still in poll(): close it only after that returns.
        }
    }

    @Override
    public String toString() {
        return "tun " + name + " mtu " + mtu;
    }
}
