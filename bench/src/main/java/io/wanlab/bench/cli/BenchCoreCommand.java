package io.wanlab.bench.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wanlab bench core}: the forwarding core's JMH benchmarks, printed as one table. */
@Command(name = "core", mixinStandardHelpOptions = true,
        description = {"Run the forwarding core's JMH benchmarks and print one table.",
                "Flow lookup, rule evaluation, ClientHello parsing and the per-packet fast path,",
                "with the GC profiler: ops/s, ns/op and B/op."})
public final class BenchCoreCommand implements Callable<Integer> {
    /** Benchmarks live in this package; the regexp keeps JMH from running anything else. */
    static final String PACKAGE = "io\\.wanlab\\.bench\\.jmh\\.";
    /** Experiments, not targets: run only when --filter names them (they take minutes of their own). */
    static final String EXPERIMENTS = PACKAGE + "FlowIndexLayoutBenchmark\\.";

    @Option(names = "--json", paramLabel = "FILE", description = "Also write JMH's JSON results to FILE.")
    Path json;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only benchmarks whose name matches (default: all but the experiment FlowIndexLayoutBenchmark, which runs only when named).")
    String filter;

    @Option(names = "--quick", description = "Short runs (1 warmup, 2 measurements of 500 ms): a rough figure in about a third of the time.")
    boolean quick;

    @Option(names = "--forks", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks = 1;

    @Option(names = "--smoke", hidden = true, description = "In-process, one 100 ms iteration: checks the wiring, not speed.")
    boolean smoke;

    /** Which benchmarks run: those matching --filter, or without it all but the experiments. */
    ChainedOptionsBuilder selection() {
        ChainedOptionsBuilder options = new OptionsBuilder().include(PACKAGE + ".*(" + (filter == null ? ".*" : filter) + ").*");
        return filter == null ? options.exclude(EXPERIMENTS) : options;
    }

    @Override
    public Integer call() throws RunnerException {
        PrintStream out = System.out;
        ChainedOptionsBuilder options = selection()
                .forks(forks)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch",
                        "-XX:+UseTransparentHugePages")
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (smoke) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        } else if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        }
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                out.println("wanlab bench: --json " + json + ": folder " + parent + " does not exist");
                return 2;
            }
            options.result(json.toString()).resultFormat(ResultFormatType.JSON);
        }
        out.println("wanlab bench core: running JMH (1 fork per benchmark, GC profiler on); this takes a few minutes"
                + (quick ? " (quick mode)" : "") + " ...");
        Runner runner = new Runner(options.build(), new ProgressFormat(out));
        Collection<RunResult> results = runner.run();
        if (results.isEmpty()) {
            out.println("wanlab bench: no benchmark matches --filter " + (filter == null ? ".*" : filter));
            return 2;
        }
        BenchTable.print(List.copyOf(results), out);
        if (json != null) {
            out.println("JMH JSON written to " + json.toAbsolutePath());
        }
        return 0;
    }
}
