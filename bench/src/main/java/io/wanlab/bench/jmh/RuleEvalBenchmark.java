package io.wanlab.bench.jmh;

import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.rules.Decision;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.core.rules.SyntheticRulebase;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First-packet rule evaluation at 10, 1,000 and 10,000 rules with the only matching rule last
 * (see {@link SyntheticRulebase}), plus the re-evaluation after identification.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvalBenchmark {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");

    @Param({"10", "1000", "10000"})
    int rules;

    RuleEngine engine;
    int port;

    @Setup
    public void setUp() {
        engine = RuleEngine.compile(SyntheticRulebase.withMatchLast(LabPresets.load("bug"), rules));
        Decision d = engine.evaluateFirst(CLIENT, SERVER, 6, 40000, 443);
        if (d.ruleIndex() != rules - 1) {
            throw new IllegalStateException("expected the last rule to match, got " + d);
        }
    }

    @Benchmark
    public Decision firstPacket() {
        // Vary the source port so nothing can be hoisted out of the loop.
        port = (port + 1) & 0x7fff;
        return engine.evaluateFirst(CLIENT, SERVER, 6, 32768 + port, 443);
    }

    @Benchmark
    public Decision afterIdentification() {
        port = (port + 1) & 0x7fff;
        return engine.reevaluate(CLIENT, SERVER, 6, 32768 + port, 443, "intranet-web", "web", "app.site-b.lab");
    }
}
