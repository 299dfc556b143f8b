package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TunWriterTest {
    /** Records each write's first byte and thread; refuses writes past {@code capacity}; may hold every write until opened. */
    static final class RecordingTun implements TunDevice {
        final List<Integer> written = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final List<Long> offloads = new ArrayList<>();
        volatile int capacity = Integer.MAX_VALUE;
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean failing;

        /** A device whose every write waits for {@code gate} to open. */
        static RecordingTun heldUntil(CountDownLatch gate) {
            RecordingTun tun = new RecordingTun();
            tun.gate = gate;
            return tun;
        }

        @Override
        public String name() {
            return "rec0";
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public int read(ByteBuf dst) {
            return 0;
        }

        @Override
        public boolean write(ByteBuf packet) throws IOException {
            return write(packet, Offload.NONE);
        }

        @Override
        public synchronized boolean write(ByteBuf packet, long offload) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (failing) {
                throw new IOException("write rec0: boom");
            }
            if (written.size() >= capacity) {
                return false;
            }
            written.add((int) packet.getUnsignedByte(packet.readerIndex()));
            threads.add(Thread.currentThread().getName());
            offloads.add(offload);
            return true;
        }

        @Override
        public boolean awaitReadable(int timeoutMillis) {
            return false;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        synchronized int count() {
            return written.size();
        }
    }

    static final class Counts implements TunWriter.Results {
        long written;
        long refused;
        long failed;

        @Override
        public void written(int packets) {
            written += packets;
        }

        @Override
        public void refused(int packets) {
            refused += packets;
        }

        @Override
        public void failed(int packets) {
            failed += packets;
        }

        long total() {
            return written + refused + failed;
        }
    }

    private static ByteBuf packet(int first) {
        return Unpooled.directBuffer(64).writeByte(first).writeZero(39);
    }

    private static void reapUntil(TunWriter writer, Counts counts, long total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counts.total() < total && System.nanoTime() < deadline) {
            writer.reap();
            Thread.sleep(1);
        }
        assertThat(counts.total()).as("results reaped").isEqualTo(total);
    }

    @Test
    void writesEveryPacketInOrderOnItsOwnThreadAndReleasesThem() throws Exception {
        RecordingTun tun = new RecordingTun();
        Counts counts = new Counts();
        TunWriter writer = new TunWriter(tun, counts, () -> { });
        writer.start();
        List<ByteBuf> handed = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                ByteBuf p = packet(i & 0xff);
                handed.add(p);
                writer.add(p, i == 7 ? 1234L : Offload.NONE);
                if (i % 5 == 4) {
                    writer.flush();
                }
            }
            writer.flush();
            reapUntil(writer, counts, 300);
        } finally {
            writer.stop();
        }
        assertThat(counts.written).isEqualTo(300);
        assertThat(writer.queued()).isZero();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add(i & 0xff);
        }
        assertThat(tun.written).containsExactlyElementsOf(expected);
        assertThat(tun.offloads.get(7)).isEqualTo(1234L);
        assertThat(tun.threads).allMatch(t -> t.equals("tun-writer-rec0"));
        assertThat(handed).allMatch(p -> p.refCnt() == 0);
    }

    @Test
    void countsRefusedAndFailedWrites() throws Exception {
        RecordingTun tun = new RecordingTun();
        tun.capacity = 3;
        Counts counts = new Counts();
        TunWriter writer = new TunWriter(tun, counts, () -> { });
        writer.start();
        try {
            for (int i = 0; i < 5; i++) {
                writer.add(packet(i), Offload.NONE);
            }
            writer.flush();
            reapUntil(writer, counts, 5);
            tun.failing = true;
            ByteBuf p = packet(9);
            writer.add(p, Offload.NONE);
            writer.flush();
            reapUntil(writer, counts, 6);
            assertThat(p.refCnt()).isZero();
        } finally {
            writer.stop();
        }
        assertThat(counts.written).isEqualTo(3);
        assertThat(counts.refused).isEqualTo(2);
        assertThat(counts.failed).isEqualTo(1);
    }

    @Test
    void saysWhenBackloggedAndCallsBackOnceDrained() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingTun tun = RecordingTun.heldUntil(gate);
        Counts counts = new Counts();
        AtomicInteger drained = new AtomicInteger();
        TunWriter writer = new TunWriter(tun, counts, drained::incrementAndGet);
        writer.start();
        try {
            int batches = 0;
            while (!writer.backlogged()) {
                writer.add(packet(batches), Offload.NONE);
                writer.flush();
                batches++;
                assertThat(batches).isLessThanOrEqualTo(TunWriter.PAUSE_AT + 1);
            }
            writer.markPaused();
            Thread.sleep(50);
            assertThat(drained).hasValue(0);
            gate.countDown();
            reapUntil(writer, counts, batches);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (drained.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(drained).hasValue(1);
            assertThat(writer.backlogged()).isFalse();
        } finally {
            writer.stop();
        }
    }

    @Test
    void aFullRingMakesTheLoopWaitForTheWriterNotDrop() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingTun tun = RecordingTun.heldUntil(gate);
        Counts counts = new Counts();
        TunWriter writer = new TunWriter(tun, counts, () -> { });
        writer.start();
        try {
            Thread opener = new Thread(() -> {
                try {
                    // Long enough for the ring to fill even with paranoid leak detection.
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                gate.countDown();
            });
            opener.start();
            int total = (TunWriter.SLOTS + 3) * TunWriter.MAX_BATCH;
            for (int i = 0; i < total; i++) {
                writer.add(packet(i & 0xff), Offload.NONE);
            }
            writer.flush();
            reapUntil(writer, counts, total);
            assertThat(counts.written).isEqualTo(total);
            assertThat(writer.waits()).isPositive();
            opener.join();
        } finally {
            writer.stop();
        }
    }
}
