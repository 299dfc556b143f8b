package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A whole repro run, then its captures read back: every packet in a scenario's folder belongs to a
 * flow of that scenario (a port whose SYN that folder holds), never to one another scenario opened.
 * Root only; CI runs it.
 */
@Tag("live")
class ReproIsolationLiveTest {
    static final String LAB = "tisolate";

    @Test
    void noScenarioCaptureHoldsAnotherScenariosFlows() throws Exception {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend(LAB).list().isEmpty(), "lab '" + LAB + "' is already up here: run './wanlab down --name " + LAB + "'");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (apt-get install curl)");
        Path dir = Files.createTempDirectory("wanlab-isolation-");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean pass = new ReproRunner(new PrintStream(printed, true, StandardCharsets.UTF_8), dir, "all", Scenario.seed(), LAB).run();
        assertThat(new NamespaceBackend(LAB).list()).as("no namespace of lab " + LAB + " left").isEmpty();
        assertThat(pass).as(printed.toString(StandardCharsets.UTF_8)).isTrue();

        Map<String, Set<Integer>> opened = new LinkedHashMap<>();
        Map<String, List<Captures.Tcp>> packets = new LinkedHashMap<>();
        for (Scenario s : Scenario.seed()) {
            for (String client : List.of("builtin", "curl")) {
                String folder = s.folder(client);
                List<Captures.Tcp> all = read(dir.resolve(folder));
                packets.put(folder, all);
                Set<Integer> syns = new TreeSet<>();
                all.stream().filter(t -> t.syn() && !t.ack()).forEach(t -> syns.add(t.sport()));
                opened.put(folder, syns);
            }
        }
        List<String> leaks = new ArrayList<>();
        for (var f : packets.entrySet()) {
            for (var other : opened.entrySet()) {
                if (other.getKey().equals(f.getKey())) {
                    continue;
                }
                Set<Integer> foreign = new TreeSet<>(other.getValue());
                foreign.removeAll(opened.get(f.getKey()));
                f.getValue().stream().filter(t -> foreign.contains(t.sport()) || foreign.contains(t.dport()))
                        .forEach(t -> leaks.add(f.getKey() + " " + t.tap() + ": " + t.describe() + " belongs to " + other.getKey()));
            }
        }
        assertThat(leaks).as("packets of another scenario's flows").isEmpty();
    }

    /** Every TCP packet of every capture under a scenario folder (one folder per node). */
    private static List<Captures.Tcp> read(Path folder) throws IOException {
        List<Captures.Tcp> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pcapng")).sorted().toList()) {
                out.addAll(Captures.read(p, folder.relativize(p).toString()));
            }
        }
        return out;
    }
}
