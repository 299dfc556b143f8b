package io.wanlab.bench.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LinuxProcessTable;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.bench.node.NodeOptions;
import io.wanlab.core.node.StatusServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixture: a real lab (root only), its status documents, and commands run inside its nodes. */
final class LiveLab {
    private LiveLab() {
    }

    /** Skips (with the reason) where a live lab cannot run: not root, no TUN, no ip, or a lab already up. */
    static void assumeCanRun() {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        assumeTrue(new NamespaceBackend().list().isEmpty(), "a lab is already up on this machine (wanlab- namespaces exist): "
                + "run './wanlab down' first");
    }

    static LabLauncher.RunningLab up(LabLauncher.Options options, Path stateFile) throws Exception {
        return new LabLauncher(stateFile, System.out).up(options);
    }

    static void down(Path stateFile) {
        new LabCleaner(new NamespaceBackend(), new LinuxProcessTable(), stateFile, NamespaceBackend.DEFAULT_GRACE).clean();
    }

    static CommandResult exec(String node, String... cmd) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(new NamespaceBackend().exec(node, List.of(cmd)));
        return new ProcessCommandExecutor(Duration.ofSeconds(30)).attempt(argv);
    }

    static String status(String node) throws IOException {
        return StatusServer.ask(NodeOptions.statusSocket(node), "status");
    }

    /** A number from a status document: {@code key} at top level, or inside the object whose name is {@code within}. */
    static long number(String json, String within, String key) {
        String scope = json;
        if (within != null) {
            Matcher m = Pattern.compile("\\{\"name\":\"" + Pattern.quote(within) + "\"[^}]*}").matcher(json);
            if (!m.find()) {
                throw new AssertionError("no link '" + within + "' in " + json);
            }
            scope = m.group();
        }
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(\\d+)").matcher(scope);
        if (!m.find()) {
            throw new AssertionError("no '" + key + "' in " + scope);
        }
        return Long.parseLong(m.group(1));
    }

    /** Lab node processes still alive (their command line names the node entry point). */
    static List<Long> nodeProcesses() {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("io.wanlab.bench.Wanlab node ")) {
                out.add(p.pid());
            }
        });
        return out;
    }
}
