package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.tun.FakeTunDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The TUN reader hands packets to the event loop in batches, one task per batch, in order. */
class TunReaderTest {

    @Test
    void packetsWaitingTogetherArriveAsOneBatchOnTheLoopInOrder() throws Exception {
        FakeTunDevice tun = new FakeTunDevice("wl-test", 1400);
        for (int i = 0; i < 10; i++) {
            ByteBuf p = Packets.syn(0xC612010A, 40000 + i, 0xC612020A, 443, i);
            tun.inject(p);
            p.release();
        }
        DefaultEventLoop loop = new DefaultEventLoop();
        List<Integer> ports = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        AtomicReference<Thread> consumerThread = new AtomicReference<>();
        CountDownLatch all = new CountDownLatch(10);
        TunReader reader = new TunReader(tun, loop, UnpooledByteBufAllocator.DEFAULT, batch -> {
            consumerThread.set(Thread.currentThread());
            batchSizes.add(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                ByteBuf p = batch.packets()[i];
                ports.add(p.getUnsignedShort(20));
                p.release();
                all.countDown();
            }
        }, t -> { });
        try {
            reader.start();
            assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ports).containsExactly(40000, 40001, 40002, 40003, 40004, 40005, 40006, 40007, 40008, 40009);
            assertThat(batchSizes).as("ten waiting packets cross to the loop in one task").containsExactly(10);
            assertThat(loop.inEventLoop(consumerThread.get())).isTrue();
        } finally {
            reader.stop();
            tun.close();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aFailingDeviceIsReportedNotSwallowed() throws Exception {
        FakeTunDevice fake = new FakeTunDevice("wl-test", 1400);
        ByteBuf p = Packets.syn(1, 1, 2, 2, 0);
        fake.inject(p);
        p.release();
        io.wanlab.core.tun.TunDevice tun = new io.wanlab.core.tun.TunDevice() {
            @Override
            public String name() {
                return fake.name();
            }

            @Override
            public int mtu() {
                return fake.mtu();
            }

            @Override
            public int read(ByteBuf dst) {
                throw new IllegalStateException("device vanished");
            }

            @Override
            public boolean write(ByteBuf packet) {
                return false;
            }

            @Override
            public boolean awaitReadable(int timeoutMillis) {
                return fake.awaitReadable(timeoutMillis);
            }

            @Override
            public boolean isOpen() {
                return fake.isOpen();
            }

            @Override
            public void close() {
                fake.close();
            }
        };
        DefaultEventLoop loop = new DefaultEventLoop();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        TunReader reader = new TunReader(tun, loop, UnpooledByteBufAllocator.DEFAULT, b -> { }, t -> {
            failure.set(t);
            failed.countDown();
        });
        try {
            reader.start();
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).hasMessageContaining("device vanished");
        } finally {
            reader.stop();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
