package io.wanlab.bench.flood;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A raw IPv4 socket ({@code socket(AF_INET, SOCK_RAW, IPPROTO_RAW)}, which implies
 * {@code IP_HDRINCL}): we write the whole IP packet, source address included, and the kernel of the
 * namespace the socket was made in routes it like any other packet. Hand-written through FFM
 * because the JDK has no raw sockets and the flood must not depend on a tool (hping3, scapy) being
 * installed. Why a raw IP socket and not a packet socket: the kernel picks the route and the
 * next hop's MAC, so the flood goes where the client's real traffic goes (its default route, into
 * its Socket) without our knowing interfaces or ARP. Needs CAP_NET_RAW (root). One sending thread.
 */
final class RawIpv4Socket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_RAW = 255;
    private static final int EINTR = 4;
    private static final int SOCKADDR_IN = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = LINKER.downcallHandle(find("socket"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle SENDTO = LINKER.downcallHandle(find("sendto"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(find("close"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = arena.allocate(CALL_STATE);
    private final MemorySegment address = arena.allocate(SOCKADDR_IN);
    private final MemorySegment packet = arena.allocate(65_535);
    private int fd;

    private RawIpv4Socket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket in the calling thread's network namespace (see {@code InNamespace}). */
    static RawIpv4Socket open() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(st, AF_INET, SOCK_RAW, IPPROTO_RAW);
            if (fd < 0) {
                int errno = (int) ERRNO.get(st, 0L);
                throw new IOException("raw IPv4 socket: " + strerror(errno) + " (errno " + errno + "; it needs root or CAP_NET_RAW)");
            }
            return new RawIpv4Socket(fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Sends one whole IPv4 packet ({@code bytes[0..length)}) to its destination {@code dst}; blocks
     * while the socket's send buffer is full. Throws with the kernel's reason when it refuses.
     */
    void send(byte[] bytes, int length, int dst) throws IOException {
        MemorySegment.copy(bytes, 0, packet, ValueLayout.JAVA_BYTE, 0, length);
        address.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) AF_INET);
        address.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) 0);
        address.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 4, dst);
        while (true) {
            long n;
            try {
                n = (long) SENDTO.invokeExact(state, fd, packet, (long) length, 0, address, SOCKADDR_IN);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (n == length) {
                return;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            throw new IOException("sendto: " + (n < 0 ? strerror(errno) + " (errno " + errno + ")" : "sent " + n + " of " + length + " bytes"));
        }
    }

    @Override
    public void close() {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            fd = -1;
            arena.close();
        }
    }

    private static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
    }
}
