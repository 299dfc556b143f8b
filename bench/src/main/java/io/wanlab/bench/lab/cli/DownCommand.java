package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.CleanupReport;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabState;
import io.wanlab.bench.lab.LinuxProcessTable;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wanlab down}: removes the lab (only what carries the wanlab- prefix). */
@Command(name = "down", description = "Stop the lab's processes and remove every wanlab- namespace.")
public final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state", description = "State file written by 'wanlab up' (default: ${DEFAULT-VALUE}).")
    Path stateFile = LabState.DEFAULT_FILE;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Preflight.check().contains(Preflight.NOT_ROOT)) {
            err.println("wanlab down needs root (network namespaces): run it with sudo");
            return 1;
        }
        NamespaceBackend backend = new NamespaceBackend();
        CleanupReport report = new LabCleaner(backend, new LinuxProcessTable(), stateFile,
                NamespaceBackend.DEFAULT_GRACE).clean();
        report.summary().forEach(out::println);
        return backend.list().isEmpty() ? 0 : 1;
    }
}
