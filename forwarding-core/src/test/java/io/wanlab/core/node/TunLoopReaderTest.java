package io.wanlab.core.node;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TUN read on the event loop: a non-blocking AF_UNIX SOCK_SEQPACKET pair stands in for the TUN
 * (one message per read, like a TUN's one packet per read, and a real descriptor for the loop's
 * epoll); the packets are written to the other end.
 */
class TunLoopReaderTest {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKETPAIR = LINKER.downcallHandle(LINKER.defaultLookup().find("socketpair").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().find("read").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = LINKER.downcallHandle(LINKER.defaultLookup().find("write").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private EventLoopGroup group;
    private EventLoop loop;
    private SeqpacketTun tun;

    @BeforeEach
    void setUp() throws Throwable {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        loop = group.next();
        tun = new SeqpacketTun();
    }

    @AfterEach
    void tearDown() throws Throwable {
        tun.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void waitingPacketsArriveOnTheLoopInOrderInBatchesOfAtMostTheLimit() throws Throwable {
        int count = TunReader.MAX_BATCH * 2 + 10;
        for (int i = 0; i < count; i++) {
            tun.inject(i);
        }
        Received got = new Received();
        TunIngress reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, got, t -> { });
        assertThat(reader).isInstanceOf(TunLoopReader.class);
        assertThat(reader.mode()).isEqualTo("loop");
        reader.start();
        got.await(count);
        assertThat(got.values).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(got.values.get(i)).isEqualTo(i);
        }
        assertThat(got.batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, TunReader.MAX_BATCH));
        assertThat(got.batchSizes.size()).as("%s packets in batches", count).isGreaterThanOrEqualTo(3);
        assertThat(got.threads).allSatisfy(t -> assertThat(loop.inEventLoop(t)).isTrue());
        loop.submit(reader::stop).sync();
    }

    @Test
    void aPausedReaderLeavesPacketsInTheDeviceUntilResumed() throws Throwable {
        Received got = new Received();
        TunIngress reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, got, t -> { });
        reader.start();
        tun.inject(1);
        got.await(1);
        loop.submit(reader::pause).sync();
        tun.inject(2);
        tun.inject(3);
        Thread.sleep(300);
        assertThat(got.values).as("nothing read while paused").containsExactly(1);
        assertThat(reader.isPaused()).isTrue();
        assertThat(reader.pauses()).isEqualTo(1);
        loop.submit(reader::resume).sync();
        got.await(3);
        assertThat(got.values).containsExactly(1, 2, 3);
        loop.submit(reader::stop).sync();
    }

    @Test
    void aThreadIsUsedWhenAsked() {
        System.setProperty(TunIngress.MODE_PROPERTY, "thread");
        try {
            TunIngress reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, b -> { }, t -> { });
            assertThat(reader).isInstanceOf(TunReader.class);
            assertThat(reader.mode()).isEqualTo("thread");
        } finally {
            System.clearProperty(TunIngress.MODE_PROPERTY);
        }
    }

    @Test
    void aFailingReadIsReportedAndReadingStops() throws Throwable {
        tun.failReads = true;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        TunIngress reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, b -> { }, t -> {
            failure.set(t);
            failed.countDown();
        });
        reader.start();
        tun.inject(7);
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).hasMessageContaining("device vanished");
    }

    /** What the consumer saw: each packet's first int, each batch's size, the consuming threads. */
    private static final class Received implements Consumer<TunReader.Batch> {
        final List<Integer> values = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void accept(TunReader.Batch batch) {
            threads.add(Thread.currentThread());
            batchSizes.add(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                ByteBuf p = batch.packets()[i];
                values.add(p.getInt(p.readerIndex()));
                p.release();
            }
        }

        void await(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (values.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(values).hasSizeGreaterThanOrEqualTo(n);
        }
    }

    /** A SOCK_SEQPACKET pair: the loop reads end 0, the test writes end 1. */
    private static final class SeqpacketTun implements TunDevice {
        private final int readEnd;
        private final int writeEnd;
        private volatile boolean open = true;
        volatile boolean failReads;

        SeqpacketTun() throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sv = arena.allocate(8);
                int r = (int) SOCKETPAIR.invokeExact(1 /* AF_UNIX */, 5 | 04000 /* SOCK_SEQPACKET | SOCK_NONBLOCK */, 0, sv);
                assertThat(r).isZero();
                readEnd = sv.getAtIndex(JAVA_INT, 0);
                writeEnd = sv.getAtIndex(JAVA_INT, 1);
            }
        }

        void inject(int value) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment m = arena.allocate(64);
                m.set(JAVA_INT.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, value);
                long n = (long) WRITE.invokeExact(writeEnd, m, 64L);
                assertThat(n).isEqualTo(64L);
            }
        }

        @Override
        public String name() {
            return "wl-seqpacket";
        }

        @Override
        public int mtu() {
            return 1400;
        }

        @Override
        public int fd() {
            return readEnd;
        }

        @Override
        public int read(ByteBuf dst) throws IOException {
            if (failReads) {
                throw new IOException("device vanished");
            }
            dst.ensureWritable(1400);
            MemorySegment target = MemorySegment.ofAddress(dst.memoryAddress() + dst.writerIndex()).reinterpret(dst.writableBytes());
            long n;
            try {
                n = (long) READ.invokeExact(readEnd, target, (long) dst.writableBytes());
            } catch (Throwable t) {
                throw new IOException(t);
            }
            if (n < 0) {
                return 0; // EAGAIN: nothing waiting
            }
            dst.writerIndex(dst.writerIndex() + (int) n);
            return (int) n;
        }

        @Override
        public boolean write(ByteBuf packet) {
            return false;
        }

        @Override
        public boolean awaitReadable(int timeoutMillis) {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                try {
                    int a = (int) CLOSE.invokeExact(readEnd);
                    int b = (int) CLOSE.invokeExact(writeEnd);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
        }
    }
}
