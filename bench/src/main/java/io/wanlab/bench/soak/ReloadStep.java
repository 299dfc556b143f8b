package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.repro.ReproRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reloads every node into the next {@link SoakPhase} (rules, TLS inspection, direct transport), the
 * way {@code repro} switches scenarios: new flow tables, taps and event logs under
 * {@code <run>/phase-N-<name>}, links and processes kept. The connections made from then on
 * expect the new phase's outcomes.
 */
final class ReloadStep implements SoakStep {
    private final String lab;
    private final List<String> nodes;
    private final List<SoakPhase> phases;
    private final Path run;
    private final Duration period;
    private final AtomicReference<SoakPhase> current;
    private int reloads;

    ReloadStep(String lab, List<String> nodes, List<SoakPhase> phases, Path run, Duration period, AtomicReference<SoakPhase> current) {
        this.lab = requireNonNull(lab, "lab");
        this.nodes = List.copyOf(nodes);
        this.phases = List.copyOf(phases);
        this.run = requireNonNull(run, "run");
        this.period = requireNonNull(period, "period");
        this.current = requireNonNull(current, "current");
    }

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public boolean disturbs() {
        return true;
    }

    @Override
    public String run() throws Exception {
        reloads++;
        SoakPhase next = phases.get(reloads % phases.size());
        ReproRunner.reload(lab, nodes, next.spec(), run.resolve("phase-" + reloads + "-" + next.name().replace('/', '-')));
        current.set(next);
        return "reloaded every node into " + next.name() + " (" + next.probes().size() + " kinds of connection)";
    }
}
