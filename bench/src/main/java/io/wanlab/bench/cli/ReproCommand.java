package io.wanlab.bench.cli;

import io.wanlab.bench.model.InMemoryScenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code wanlab repro}. Until the live lab exists this runs the in-memory model and says so:
 * it shows Socket A's decisions, not the server's reset.
 */
@Command(name = "repro", mixinStandardHelpOptions = true,
        description = {"Reproduce the seed's failure and check both fixes.",
                "Today: the IN-MEMORY MODEL of Socket A's decisions (real rule engine, flow table and",
                "ClientHello parsing, driven with built packets). The live lab with kernels is not built yet."})
public final class ReproCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintStream out = System.out;
        out.println("wanlab repro: IN-MEMORY MODEL (no namespaces, no kernels, no PoP proxy, no server).");
        out.println("  It shows which link Socket A sends each packet on; the server's RST is for the live lab to show.");
        out.println();
        List<InMemoryScenario.Observation> results = new ArrayList<>();
        String fmt = "%-22s %-10s %-10s %-10s %-10s %-30s %s%n";
        out.printf(Locale.ROOT, fmt, "scenario", "SYN", "expected", "Hello", "expected", "switch", "result");
        for (InMemoryScenario s : InMemoryScenario.seed()) {
            long t0 = System.nanoTime();
            InMemoryScenario.Observation o = s.run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            results.add(o);
            out.printf(Locale.ROOT, fmt, s.name(), label(o.syn()), s.expectSyn().label(), label(o.hello()),
                    s.expectHello().label(), o.switched() ? o.switchEvent() : "none", (o.pass() ? "pass" : "FAIL") + " (" + ms + " ms)");
        }
        out.println();
        for (InMemoryScenario s : InMemoryScenario.seed()) {
            out.println("  " + s.name() + ": " + s.meaning());
        }
        out.println("  fix-tls-inspection-off: not shown in memory; it changes the PoP's behaviour, not Socket A's.");
        long failed = results.stream().filter(o -> !o.pass()).count();
        out.println();
        out.println(failed == 0
                ? "verdict: pass (in-memory model: Socket A decides as the seed describes in all " + results.size() + " scenarios)"
                : "verdict: FAIL (" + failed + " of " + results.size() + " scenarios differ from the seed)");
        return failed == 0 ? 0 : 1;
    }

    private static String label(io.wanlab.core.lab.Transport t) {
        return t == null ? "dropped" : t.label();
    }
}
