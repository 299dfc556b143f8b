package io.wanlab.core.tun;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.Offload;
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
 *
 * <p>With offloads ({@link #open(String, int, boolean)}) it adds IFF_VNET_HDR and asks the kernel
 * for TUN_F_CSUM | TSO4 | TSO6 | USO4 | USO6 with TUNSETOFFLOAD, dropping USO, then giving up on
 * offloads (reopening plain) when the kernel refuses (EINVAL): the kernel then hands over TCP
 * super-packets of up to 64 KiB and segments what is written, which is what makes the data path
 * fast (one syscall and one decision per 64 KiB instead of per 1400 bytes). Each read and write is
 * one readv/writev of the 10-byte virtio_net_hdr and the packet, into and out of the ByteBuf's own
 * memory. Without offloads, a super-packet written here is cut in software ({@link Offload#segment}).
 */
public final class LinuxTunDevice implements TunDevice {
    static final int IFNAMSIZ = 16;
    static final int MIN_MTU = 576;
    static final int MAX_MTU = 65535;

    /** The largest super-packet a read returns: the IP total length is a u16. */
    static final int MAX_OFFLOAD_PACKET = 65_535;
    /** The offload sets asked for, best first; each must include CSUM and TSO4 to be worth it. */
    private static final int[] OFFLOAD_TRIES = {
        Libc.TUN_F_CSUM | Libc.TUN_F_TSO4 | Libc.TUN_F_TSO6 | Libc.TUN_F_USO4 | Libc.TUN_F_USO6,
        Libc.TUN_F_CSUM | Libc.TUN_F_TSO4 | Libc.TUN_F_TSO6,
        Libc.TUN_F_CSUM | Libc.TUN_F_TSO4,
    };

    private final String name;
    private final int mtu;
    private final int fd;
    /** The TUN_F_* flags the kernel accepted; 0 without IFF_VNET_HDR. */
    private final int offloadFlags;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final MemorySegment pollFd;
    // The reader's and the writer's own iovec pairs and header bytes: one thread each.
    private final MemorySegment readIov;
    private final MemorySegment readHdr;
    private final MemorySegment writeIov;
    private final MemorySegment writeHdr;
    private long lastReadOffload;
    /** Segments of a super-packet written to a plain TUN; the writer's. */
    private ByteBuf segmentScratch;

    private LinuxTunDevice(String name, int mtu, int fd, int offloadFlags) {
        this.name = name;
        this.mtu = mtu;
        this.fd = fd;
        this.offloadFlags = offloadFlags;
        // The global arena: a shared arena's segments cost an atomic acquire and release on every
        // downcall they are passed to (a profile showed it); these few bytes live as long as the process anyway.
        Arena global = Arena.global();
        this.pollFd = global.allocate(8);
        this.readIov = global.allocate(32, 8);
        this.readHdr = global.allocate(Offload.VNET_HDR_LENGTH, 8);
        this.writeIov = global.allocate(32, 8);
        this.writeHdr = global.allocate(Offload.VNET_HDR_LENGTH, 8);
    }

    /**
     * Creates (or attaches to) the TUN device {@code name} and sets its MTU. The caller brings it
     * up and gives it addresses (the orchestrator does, with ip commands).
     */
    public static LinuxTunDevice open(String name, int mtu) throws IOException {
        return open(name, mtu, false);
    }

    /**
     * Like {@link #open(String, int)}; with {@code offload}, asks for IFF_VNET_HDR and the
     * offloads (see the class comment) and falls back to the plain device when the kernel refuses
     * them. {@link #offloads()} says what it got.
     */
    public static LinuxTunDevice open(String name, int mtu, boolean offload) throws IOException {
        requireNonNull(name, "name");
        if (name.isEmpty() || name.length() >= IFNAMSIZ || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw new IllegalArgumentException("TUN name: '" + name + "' (expected: 1..15 characters of [a-zA-Z0-9_.-])");
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu: " + mtu + " (expected: " + MIN_MTU + ".." + MAX_MTU + ")");
        }
        if (offload) {
            int fd = attach(name, Libc.IFF_TUN | Libc.IFF_NO_PI | Libc.IFF_VNET_HDR);
            Libc libc = Libc.get();
            for (int flags : OFFLOAD_TRIES) {
                if (libc.ioctl(fd, Libc.TUNSETOFFLOAD, MemorySegment.ofAddress(flags)) == 0) {
                    return configured(name, mtu, fd, flags);
                }
                int errno = libc.lastErrno();
                if (errno != Libc.EINVAL) {
                    IOException e = libc.error("ioctl TUNSETOFFLOAD " + name, errno);
                    libc.close(fd);
                    throw e;
                }
            }
            // The kernel takes none of the sets: the plain device, as with offload off.
            libc.close(fd);
        }
        return configured(name, mtu, attach(name, Libc.IFF_TUN | Libc.IFF_NO_PI), 0);
    }

    private static int attach(String name, int ifFlags) throws IOException {
        Libc libc = Libc.get();
        int fd = libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw libc.error("open /dev/net/tun (needs root or CAP_NET_ADMIN, and the tun module)");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = a.allocate(40);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) ifFlags);
            if (libc.ioctl(fd, Libc.TUNSETIFF, ifr) < 0) {
                IOException e = libc.error("ioctl TUNSETIFF " + name);
                libc.close(fd);
                throw e;
            }
        }
        return fd;
    }

    private static LinuxTunDevice configured(String name, int mtu, int fd, int offloadFlags) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            setMtu(Libc.get(), name, mtu, a);
        } catch (IOException | RuntimeException e) {
            Libc.get().close(fd);
            throw e;
        }
        return new LinuxTunDevice(name, mtu, fd, offloadFlags);
    }

    /** The TUN_F_* words the kernel accepted; "off" for the plain device. */
    static String describe(int offloadFlags) {
        if (offloadFlags == 0) {
            return "off";
        }
        StringBuilder b = new StringBuilder();
        String[] names = {"csum", "tso4", "tso6", "tso-ecn", "ufo", "uso4", "uso6"};
        for (int bit = 0; bit < names.length; bit++) {
            if ((offloadFlags & 1 << bit) != 0) {
                b.append(b.isEmpty() ? "" : " ").append(names[bit]);
            }
        }
        return b.toString();
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
    public String offloads() {
        return describe(offloadFlags);
    }

    @Override
    public int maxReadLength() {
        return offloadFlags != 0 ? MAX_OFFLOAD_PACKET : mtu;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public long lastReadOffload() {
        return lastReadOffload;
    }

    @Override
    public int read(ByteBuf dst) throws IOException {
        if (!open.get()) {
            return -1;
        }
        if (offloadFlags != 0) {
            return readOffload(dst);
        }
        dst.ensureWritable(mtu);
        int writerIndex = dst.writerIndex();
        MemorySegment target = MemorySegment.ofAddress(address(dst, writerIndex, dst.writableBytes())).reinterpret(dst.writableBytes());
        Libc libc = Libc.get();
        long n = libc.read(fd, target, target.byteSize());
        if (n < 0) {
            return readFailed(libc);
        }
        dst.writerIndex(writerIndex + (int) n);
        return (int) n;
    }

    /** A read that returned -1: 0 for "nothing waiting", -1 once closed, else the error. */
    private int readFailed(Libc libc) throws IOException {
        int errno = libc.lastErrno();
        if (errno == Libc.EAGAIN) {
            return 0;
        }
        if (!open.get()) {
            return -1;
        }
        throw libc.error("read " + name, errno);
    }

    /** One readv: the virtio_net_hdr into the reader's header bytes, the packet into {@code dst}. */
    private int readOffload(ByteBuf dst) throws IOException {
        dst.ensureWritable(MAX_OFFLOAD_PACKET);
        int writerIndex = dst.writerIndex();
        readIov.set(ValueLayout.JAVA_LONG, 0, readHdr.address());
        readIov.set(ValueLayout.JAVA_LONG, 8, Offload.VNET_HDR_LENGTH);
        readIov.set(ValueLayout.JAVA_LONG, 16, address(dst, writerIndex, dst.writableBytes()));
        readIov.set(ValueLayout.JAVA_LONG, 24, Math.min(dst.writableBytes(), MAX_OFFLOAD_PACKET));
        Libc libc = Libc.get();
        long n = libc.readv(fd, readIov, 2);
        if (n < 0) {
            return readFailed(libc);
        }
        if (n <= Offload.VNET_HDR_LENGTH) {
            throw new IOException("read " + name + ": " + n + " bytes (expected: a " + Offload.VNET_HDR_LENGTH
                    + "-byte virtio_net_hdr and a packet)");
        }
        int length = (int) n - Offload.VNET_HDR_LENGTH;
        dst.writerIndex(writerIndex + length);
        // The header is in the host's byte order (little-endian on every machine this runs on).
        int flags = readHdr.get(ValueLayout.JAVA_BYTE, 0) & Offload.F_NEEDS_CSUM;
        int gsoType = readHdr.get(ValueLayout.JAVA_BYTE, 1) & 0xff;
        int gsoSize = readHdr.get(ValueLayout.JAVA_SHORT_UNALIGNED, 4) & 0xffff;
        int csumStart = readHdr.get(ValueLayout.JAVA_SHORT_UNALIGNED, 6) & 0xffff;
        int csumOffset = readHdr.get(ValueLayout.JAVA_SHORT_UNALIGNED, 8) & 0xffff;
        long meta = flags == 0 ? Offload.NONE : Offload.pack(gsoType, flags, gsoType == Offload.GSO_NONE ? 0 : gsoSize, csumStart, csumOffset);
        // The reader hands an empty buffer: the packet is its readable bytes, no slice object needed.
        ByteBuf packet = dst.readerIndex() == writerIndex ? dst : dst.slice(writerIndex, length);
        long checked = Offload.check(packet, meta);
        if (checked == Offload.INVALID && !Offload.isGso(meta)) {
            // A partial checksum on something the links do not carry as such (not TCP/UDP at the
            // L4 offset): completed here, the packet goes on plain.
            Offload.completeChecksum(packet, meta);
            checked = Offload.NONE;
        }
        lastReadOffload = checked;
        return length;
    }

    /**
     * The native address of {@code buf[index]} (a direct buffer of one component): Netty's own
     * when it knows it, which allocates nothing, else through a NIO view.
     */
    private static long address(ByteBuf buf, int index, int length) {
        if (buf.hasMemoryAddress()) {
            return buf.memoryAddress() + index;
        }
        return MemorySegment.ofBuffer(buf.internalNioBuffer(index, length)).address();
    }

    /**
     * Writes a packet with its checked {@link Offload} metadata: as the virtio_net_hdr in front of
     * it with offloads on; cut or completed in software without.
     */
    @Override
    public boolean write(ByteBuf packet, long offload) throws IOException {
        if (offloadFlags == 0) {
            if (!Offload.isGso(offload)) {
                Offload.completeChecksum(packet, offload);
                return write(packet);
            }
            if (segmentScratch == null) {
                segmentScratch = Unpooled.directBuffer(MAX_OFFLOAD_PACKET);
            }
            boolean[] ok = {true};
            int written = Offload.segment(packet, offload, segmentScratch, segment -> {
                try {
                    return ok[0] = write(segment);
                } catch (IOException e) {
                    ok[0] = false;
                    return false;
                }
            });
            return ok[0] && written > 0;
        }
        if (!open.get()) {
            throw new IOException("write " + name + ": device closed");
        }
        MemorySegment hdr = writeHdr;
        hdr.fill((byte) 0);
        if (offload != Offload.NONE) {
            hdr.set(ValueLayout.JAVA_BYTE, 0, (byte) Offload.flags(offload));
            hdr.set(ValueLayout.JAVA_BYTE, 1, (byte) Offload.gsoType(offload));
            hdr.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2, (short) Offload.headerLength(packet, offload));
            hdr.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) Offload.gsoSize(offload));
            hdr.set(ValueLayout.JAVA_SHORT_UNALIGNED, 6, (short) Offload.csumStart(offload));
            hdr.set(ValueLayout.JAVA_SHORT_UNALIGNED, 8, (short) Offload.csumOffset(offload));
        }
        int len = packet.readableBytes();
        ByteBuf copy = null;
        long source;
        if (packet.isDirect() && packet.nioBufferCount() == 1) {
            source = address(packet, packet.readerIndex(), len);
        } else {
            copy = Unpooled.directBuffer(len).writeBytes(packet, packet.readerIndex(), len);
            source = address(copy, 0, len);
        }
        writeIov.set(ValueLayout.JAVA_LONG, 0, hdr.address());
        writeIov.set(ValueLayout.JAVA_LONG, 8, Offload.VNET_HDR_LENGTH);
        writeIov.set(ValueLayout.JAVA_LONG, 16, source);
        writeIov.set(ValueLayout.JAVA_LONG, 24, len);
        Libc libc = Libc.get();
        long n;
        try {
            n = libc.writev(fd, writeIov, 2);
        } finally {
            if (copy != null) {
                copy.release();
            }
        }
        return written(libc, n);
    }

    @Override
    public boolean write(ByteBuf packet) throws IOException {
        if (offloadFlags != 0) {
            return write(packet, Offload.NONE);
        }
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
        return written(libc, n);
    }

    /** A write's result: true when written, false when the kernel's queue is full, else the error. */
    private boolean written(Libc libc, long n) throws IOException {
        if (n >= 0) {
            return true;
        }
        int errno = libc.lastErrno();
        if (errno == Libc.EAGAIN || errno == Libc.ENOBUFS) {
            return false;
        }
        throw libc.error("write " + name, errno);
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
        }
    }

    @Override
    public String toString() {
        return "tun " + name + " mtu " + mtu + ", offloads " + offloads();
    }
}
