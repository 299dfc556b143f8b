package io.wanlab.bench.cli;

import io.wanlab.bench.diagnose.CaptureDiagnoser;
import io.wanlab.bench.diagnose.DiagnoseJson;
import io.wanlab.bench.diagnose.DiagnoseText;
import io.wanlab.bench.diagnose.Diagnosis;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wanlab diagnose [--rules LAB] CAPTURE...}: reads captures from production and names the
 * transport-switch failure's signatures per TCP flow; with a lab, replays the client-side flows
 * through the Socket's decision code. Needs no root. Exit 0: nothing found; 1: findings or a
 * predicted reset; 2: a capture or the lab cannot be read.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Find the TLS-reset signatures per TCP flow in captures (tcpdump -w).",
                "A server's RST to a connection whose SYN it never saw, a handshake answered by something that is not",
                "the server, a ClientHello with no answer.",
                "With --rules, replay the client-side flows through a Socket's real decision code.",
                "Exit status: 0 nothing found, 1 findings, 2 a capture or the lab cannot be read."})
public final class DiagnoseCommand implements Callable<Integer> {
    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int UNREADABLE = 2;

    @Parameters(paramLabel = "CAPTURE", arity = "1..*", description = "Capture files (pcap).")
    List<Path> captures;

    @Option(names = "--rules", paramLabel = "LAB", description = "A preset name or a lab file whose Sockets replay the client-side flows.")
    String rules;

    @Option(names = "--json", description = "Print the report as JSON instead of lines.")
    boolean json;

    @Option(names = "--proxied-ports", paramLabel = "PORT", split = ",",
            description = "TCP ports the PoP proxies with TLS inspection on (default: ${DEFAULT-VALUE}).")
    List<Integer> proxiedPorts = List.copyOf(new TreeSet<>(Account.DEFAULT_PROXIED_PORTS));

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        LabFile lab = null;
        if (rules != null) {
            try {
                lab = CheckCommand.load(rules);
            } catch (LabFileException e) {
                err.println("wanlab diagnose: --rules " + rules + " has problems:");
                err.println(e.getMessage());
                return UNREADABLE;
            } catch (IllegalArgumentException | UncheckedIOException e) {
                err.println("wanlab diagnose: --rules " + rules + ": " + e.getMessage());
                return UNREADABLE;
            }
        }
        List<Diagnosis> done = new ArrayList<>();
        int exit = CLEAN;
        for (Path capture : captures) {
            try {
                Diagnosis d = CaptureDiagnoser.diagnose(capture, lab, Set.copyOf(proxiedPorts), line -> err.println("diagnose: " + line));
                done.add(d);
                if (!d.findings().isEmpty() || d.predictedResets() > 0) {
                    exit = Math.max(exit, FINDINGS);
                }
                if (!json) {
                    DiagnoseText.lines(d).forEach(out::println);
                }
            } catch (IOException | RuntimeException e) {
                // One line, never a trace: the user's file is the problem, not wanlab.
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                err.println("wanlab diagnose: " + capture + ": cannot read the capture: " + why);
                exit = UNREADABLE;
            }
        }
        if (json) {
            out.println(DiagnoseJson.write(done, exit));
        }
        return exit;
    }
}
