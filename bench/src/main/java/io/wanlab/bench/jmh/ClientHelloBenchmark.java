package io.wanlab.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.appid.AppIdentifier;
import io.wanlab.core.appid.ApplicationCatalog;
import io.wanlab.core.appid.Identification;
import io.wanlab.core.appid.Identified;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.packet.ClientHellos;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Identifying a flow from a real ClientHello (written by the JDK's TLS client, SNI
 * app.site-b.lab): whole in one segment, and split across two segments as a small MTU does.
 * Each operation identifies one new flow, so the per-flow identifier's allocation is included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientHelloBenchmark {
    ApplicationCatalog catalog;
    ByteBuf whole;
    ByteBuf firstHalf;
    ByteBuf secondHalf;

    @Setup
    public void setUp() {
        catalog = new ApplicationCatalog(LabPresets.load("bug").applications());
        byte[] hello = ClientHellos.jdk("app.site-b.lab", "h2", "http/1.1");
        whole = Unpooled.directBuffer(hello.length).writeBytes(hello);
        int cut = hello.length / 2;
        firstHalf = Unpooled.directBuffer(cut).writeBytes(hello, 0, cut);
        secondHalf = Unpooled.directBuffer(hello.length - cut).writeBytes(hello, cut, hello.length - cut);
        if (!(identifyWhole() instanceof Identified) || !(identifySplit() instanceof Identified)) {
            throw new IllegalStateException("the JDK ClientHello was not identified");
        }
    }

    @TearDown
    public void tearDown() {
        whole.release();
        firstHalf.release();
        secondHalf.release();
    }

    @Benchmark
    public Identification identifyWhole() {
        return new AppIdentifier(catalog).offer(whole);
    }

    @Benchmark
    public Identification identifySplit() {
        AppIdentifier id = new AppIdentifier(catalog);
        id.offer(firstHalf);
        return id.offer(secondHalf);
    }
}
