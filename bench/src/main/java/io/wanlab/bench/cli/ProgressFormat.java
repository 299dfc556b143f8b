package io.wanlab.bench.cli;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH output reduced to one progress line per benchmark, so a long run shows where it is
 * without JMH's full log. Errors from forks still come through {@link #println}.
 */
final class ProgressFormat implements OutputFormat {
    private final PrintStream out;
    private int started;

    ProgressFormat(PrintStream out) {
        this.out = out;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started++;
        String p = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k)).collect(Collectors.joining(" "));
        out.print(String.format(Locale.ROOT, "  [%2d] %s %s ... ", started,
                params.getBenchmark().replaceFirst("^io\\.wanlab\\.bench\\.jmh\\.", ""), p));
        out.flush();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            out.println("failed");
            return;
        }
        double ns = BenchTable.toNanos(result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit());
        out.println(String.format(Locale.ROOT, "%.1f ns/op", ns));
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> result) {
    }

    @Override
    public void print(String s) {
    }

    @Override
    public void println(String s) {
        // JMH reports fork failures and warnings through here; keep those, drop the chatter.
        if (s != null && (s.contains("ERROR") || s.contains("Exception") || s.startsWith("<failure>"))) {
            out.println(s);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    @Override
    public void verbosePrintln(String s) {
    }

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b) {
    }
}
