package io.wanlab.bench.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Processes in memory: each dies on SIGTERM unless stubborn, always on SIGKILL; signals are recorded. */
final class FakeProcessTable implements ProcessTable {
    private record Proc(String cmdline, boolean stubborn) {
    }

    private final Map<Long, Proc> alive = new HashMap<>();
    private final List<String> signals = new ArrayList<>();
    private final long self;

    FakeProcessTable(long self) {
        this.self = self;
    }

    FakeProcessTable add(long pid, String cmdline) {
        alive.put(pid, new Proc(cmdline, false));
        return this;
    }

    FakeProcessTable addStubborn(long pid, String cmdline) {
        alive.put(pid, new Proc(cmdline, true));
        return this;
    }

    synchronized List<String> signals() {
        return List.copyOf(signals);
    }

    @Override
    public synchronized boolean isAlive(long pid) {
        return alive.containsKey(pid);
    }

    @Override
    public synchronized Optional<String> commandLine(long pid) {
        return Optional.ofNullable(alive.get(pid)).map(Proc::cmdline);
    }

    @Override
    public synchronized void terminate(long pid) {
        signals.add("TERM " + pid);
        Proc p = alive.get(pid);
        if (p != null && !p.stubborn()) {
            alive.remove(pid);
        }
    }

    @Override
    public synchronized void kill(long pid) {
        signals.add("KILL " + pid);
        alive.remove(pid);
    }

    @Override
    public long self() {
        return self;
    }
}
