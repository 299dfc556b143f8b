package io.wanlab.core.tun;

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

/** The handful of libc calls a TUN device needs, bound once through the FFM linker; errno is captured per call. */
final class Libc {
    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final long TUNSETIFF = 0x400454caL;
    static final long SIOCSIFMTU = 0x8922L;
    static final int IFF_TUN = 0x0001;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_VNET_HDR = 0x4000;
    /** _IOW('T', 208, unsigned int): the argument is the flag word itself, not a pointer. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    static final int TUN_F_USO4 = 0x20;
    static final int TUN_F_USO6 = 0x40;
    static final int EINVAL = 22;
    static final short POLLIN = 0x1;
    static final int O_RDONLY = 0x0;
    static final int CLONE_NEWNET = 0x40000000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOBUFS = 105;

    private static final Libc INSTANCE = new Libc();

    private final MethodHandle open;
    private final MethodHandle ioctl;
    private final MethodHandle read;
    private final MethodHandle write;
    private final MethodHandle readv;
    private final MethodHandle writev;
    private final MethodHandle close;
    private final MethodHandle poll;
    private final MethodHandle socket;
    private final MethodHandle strerror;
    private final MethodHandle setns;
    private final StructLayout callState = Linker.Option.captureStateLayout();
    private final VarHandle errnoHandle = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** errno of the latest call on this thread; each thread owns its capture segment. */
    private final ThreadLocal<MemorySegment> state = ThreadLocal.withInitial(() -> Arena.global().allocate(callState));

    private Libc() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        open = linker.downcallHandle(find(libc, "open"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno,
                Linker.Option.firstVariadicArg(2));
        ioctl = linker.downcallHandle(find(libc, "ioctl"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                errno, Linker.Option.firstVariadicArg(2));
        read = linker.downcallHandle(find(libc, "read"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                errno, Linker.Option.critical(true));
        write = linker.downcallHandle(find(libc, "write"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                errno, Linker.Option.critical(true));
        readv = linker.downcallHandle(find(libc, "readv"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                errno, Linker.Option.critical(false));
        writev = linker.downcallHandle(find(libc, "writev"),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                errno, Linker.Option.critical(false));
        close = linker.downcallHandle(find(libc, "close"), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        poll = linker.downcallHandle(find(libc, "poll"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), errno);
        socket = linker.downcallHandle(find(libc, "socket"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
        setns = linker.downcallHandle(find(libc, "setns"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
        strerror = linker.downcallHandle(find(libc, "strerror"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    static Libc get() {
        return INSTANCE;
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
    }

    int open(String path, int flags) {
        try (Arena a = Arena.ofConfined()) {
            return (int) open.invokeExact(state.get(), a.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int ioctl(int fd, long request, MemorySegment arg) {
        try {
            return (int) ioctl.invokeExact(state.get(), fd, request, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    long read(int fd, MemorySegment buf, long count) {
        try {
            return (long) read.invokeExact(state.get(), fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    long write(int fd, MemorySegment buf, long count) {
        try {
            return (long) write.invokeExact(state.get(), fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** readv(2) over {@code iovcnt} native {@code struct iovec}s at {@code iov}. */
    long readv(int fd, MemorySegment iov, int iovcnt) {
        try {
            return (long) readv.invokeExact(state.get(), fd, iov, iovcnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    long writev(int fd, MemorySegment iov, int iovcnt) {
        try {
            return (long) writev.invokeExact(state.get(), fd, iov, iovcnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int poll(MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) poll.invokeExact(state.get(), fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int socket(int domain, int type, int protocol) {
        try {
            return (int) socket.invokeExact(state.get(), domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Moves the calling thread (only) into the namespace open as {@code fd}. */
    int setns(int fd, int nsType) {
        try {
            return (int) setns.invokeExact(state.get(), fd, nsType);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int lastErrno() {
        return (int) errnoHandle.get(state.get(), 0L);
    }

    IOException error(String what) {
        return error(what, lastErrno());
    }

    IOException error(String what, int errno) {
        String text;
        try {
            MemorySegment s = (MemorySegment) strerror.invokeExact(errno);
            text = s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            text = "errno " + errno;
        }
        return new IOException(what + ": " + text + " (errno " + errno + ")");
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
