package io.wanlab.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.Packets;
import io.wanlab.socket.FlowSteering;
import io.wanlab.socket.SocketLinks;
import io.wanlab.core.rules.RuleEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Socket's fast path for one packet of an established, decided flow: validate the IPv4/TCP
 * headers, parse, look the flow up, count it, track TCP state and pick the link
 * ({@link FlowSteering#fromLan}). Packets are pooled direct buffers, as the TUN reader uses.
 * With 1 flow everything is in cache; with 100,000 flows (packets in random flow order) the
 * lookup pays cache misses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FastPathBenchmark {
    static final int BATCH = 1024;
    static final int CLIENT_NET = Ipv4.parse("198.18.1.0");
    static final int SERVER = Ipv4.parse("198.18.2.10");

    @Param({"1", "100000"})
    int flows;

    FlowSteering steering;
    ByteBuf[] packets;
    int cursor;

    @Setup
    public void setUp() {
        LabFile lab = LabPresets.load("fixed");
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        steering = new FlowSteering("socket-a", RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(Math.max(1024, flows * 2))), links, EventLog.NONE,
                System::nanoTime);
        int distinct = Math.max(flows, 1);
        packets = new ByteBuf[Math.max(distinct, BATCH)];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int f = 0; f < distinct; f++) {
            int client = CLIENT_NET | (2 + (f & 0xff) % 250);
            int port = 1024 + (f >>> 8);
            // Establish the flow: SYN decides it, then it is a plain established flow.
            ByteBuf syn = Packets.syn(client, port, SERVER, 443, 1);
            steering.fromLan(syn);
            syn.release();
            packets[f] = copyToPooled(Packets.data(client, port, SERVER, 443, 2, 1, new byte[1200]));
        }
        for (int i = distinct; i < packets.length; i++) {
            packets[i] = packets[i % distinct].retainedDuplicate();
        }
        for (int i = packets.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            ByteBuf t = packets[i];
            packets[i] = packets[j];
            packets[j] = t;
        }
        if (steering.fromLan(packets[0]) < 0) {
            throw new IllegalStateException("the fast path dropped an established flow's packet");
        }
    }

    private static ByteBuf copyToPooled(ByteBuf heap) {
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(heap.readableBytes());
        direct.writeBytes(heap);
        heap.release();
        return direct;
    }

    @TearDown
    public void tearDown() {
        for (ByteBuf p : packets) {
            p.release();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int forwardEstablished() {
        int acc = 0;
        int c = cursor;
        for (int k = 0; k < BATCH; k++) {
            acc += steering.fromLan(packets[c]);
            c = c + 1 == packets.length ? 0 : c + 1;
        }
        cursor = c;
        return acc;
    }
}
