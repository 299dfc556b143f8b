package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.wanlab.core.packet.Offload;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 9: no allocation per packet on the live path. A link carries one 64 KiB super-packet per
 * Data frame, so what the frame code allocates per frame it allocates per packet: this drives the
 * batcher, the TCP encoder's gathering form and the decoder's body reader as a link does, in the
 * steady state, and counts the bytes this thread allocated (the JVM's own per-thread count).
 * Before pooled frames and composite-free encoding it was several hundred bytes per frame
 * (a Data, its two arrays copied from the batcher's, a composite with its component array and
 * components, and a Data with its arrays again on the decoding side).
 */
@ResourceLock("netty-leak-detection-level")
class FramePathAllocationTest {
    private static final int FRAMES = 20_000;
    /** A TSO super-packet as a TUN read returns it (an IPv4 packet is at most 65,535 bytes). */
    private static final int PACKET = 65_000;
    private ResourceLeakDetector.Level level;

    @BeforeEach
    void plainBuffers() {
        // The tests run with paranoid leak detection, which wraps every buffer (an allocation by
        // design); the path itself is what is measured here.
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void aFrameOfOneSuperPacketAllocatesNothingOnceWarm() throws Exception {
        // On a FastThreadLocalThread, as on a node's event loop (its pooled-buffer cache and recyclers).
        long[] perFrame = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread loop = new io.netty.util.concurrent.FastThreadLocalThread(() -> {
            try {
                perFrame[0] = measure();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "frame-path");
        loop.start();
        loop.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        assertThat(perFrame[0]).as("bytes allocated per frame of one 64 KiB packet").isLessThan(16);
    }

    private static long measure() {
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
        List<Object> pieces = new ArrayList<>();
        Frame.Data[] emitted = new Frame.Data[1];
        FrameBatcher batcher = new FrameBatcher(LinkEndpoint.MAX_PACKETS_PER_FRAME, FrameFormat.DEFAULT_MAX_BODY_LENGTH,
                d -> emitted[0] = d);
        ByteBuf wire = alloc.directBuffer(2 * FrameFormat.DEFAULT_MAX_BODY_LENGTH);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < FRAMES; i++) {
            carry(threads, alloc, batcher, emitted, pieces, wire);
        }
        long allocated = 0;
        for (int i = 0; i < FRAMES; i++) {
            allocated += carry(threads, alloc, batcher, emitted, pieces, wire);
        }
        wire.release();
        return allocated / FRAMES;
    }

    /**
     * One packet read from a TUN (a pooled buffer), batched, encoded, sent, decoded and released,
     * as two nodes do; returns the bytes the nodes' part allocated (the copy onto the "wire"
     * stands for the sockets and is not counted).
     */
    private static long carry(com.sun.management.ThreadMXBean threads, PooledByteBufAllocator alloc, FrameBatcher batcher,
            Frame.Data[] emitted, List<Object> pieces, ByteBuf wire) {
        long t0 = threads.getCurrentThreadAllocatedBytes();
        ByteBuf packet = alloc.directBuffer(64 * 1024 + 64);
        packet.setByte(0, 0x45);
        packet.writerIndex(PACKET);
        if (!batcher.add(packet, Offload.NONE)) {
            throw new AssertionError("refused a " + PACKET + "-byte packet");
        }
        batcher.flush();
        Frame.Data sent = emitted[0];
        FrameWriter.writeGathered(alloc, sent, FrameFormat.DEFAULT_MAX_BODY_LENGTH, pieces);
        sent.release();
        long t1 = threads.getCurrentThreadAllocatedBytes();
        wire.clear();
        for (int i = 0; i < pieces.size(); i++) {
            ByteBuf piece = (ByteBuf) pieces.get(i);
            wire.writeBytes(piece);
            piece.release();
        }
        pieces.clear();
        long t2 = threads.getCurrentThreadAllocatedBytes();
        int bodyLength = FrameReader.checkHeader(wire, 0, FrameFormat.DEFAULT_MAX_BODY_LENGTH);
        Frame.Data received = (Frame.Data) FrameReader.readBody(wire, 0, bodyLength);
        if (received.count() != 1 || received.packet(0).readableBytes() != PACKET) {
            throw new AssertionError("decoded " + received);
        }
        received.release();
        return t1 - t0 + threads.getCurrentThreadAllocatedBytes() - t2;
    }
}
