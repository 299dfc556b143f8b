package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test fixture: a real lab (root only), its status documents, and commands run inside its nodes. */
final class LiveLab {
    private LiveLab() {
    }

    /**
     * Skips (with the reason) where a live lab cannot run: not root, no TUN, no ip, or a lab of
     * this name already up. Each test class has its own lab name, so other labs do not matter.
     */
    static void assumeCanRun(String lab) {
        List<String> problems = Preflight.check();
        assumeTrue(problems.isEmpty(), "live lab needs: " + String.join("; ", problems));
        List<String> present = new NamespaceBackend(lab).list();
        assumeTrue(present.isEmpty() && !Files.exists(LabNames.runFolder(lab)), "lab '" + lab + "' is already up on this"
                + " machine (" + present + ", " + LabNames.runFolder(lab) + "): run './wanlab down --name " + lab + "' first");
    }

    static LabLauncher.RunningLab up(String lab, LabLauncher.Options options) throws Exception {
        return new LabLauncher(lab, System.out).up(options);
    }

    static void down(String lab) {
        new LabCleaner(new NamespaceBackend(lab)).clean();
    }

    /** Nothing of the lab is left: no namespace, no folder (state, sockets), no node process. */
    static void assertNothingLeft(String lab) {
        assertThat(new NamespaceBackend(lab).list()).as("no namespace of lab %s is left", lab).isEmpty();
        assertThat(LabNames.runFolder(lab)).as("lab %s's folder (state, status sockets) is removed", lab).doesNotExist();
        assertThat(nodeProcesses(lab)).as("no node process of lab %s is left", lab).isEmpty();
    }

    static CommandResult exec(String lab, String node, String... cmd) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(new NamespaceBackend(lab).exec(node, List.of(cmd)));
        return new ProcessCommandExecutor(Duration.ofSeconds(30)).attempt(argv);
    }

    static String status(String lab, String node) throws IOException {
        return StatusServer.ask(LabNames.statusSocket(lab, node), "status");
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

    /** Node processes of that lab still alive (their command line names the node entry point and the lab). */
    static List<Long> nodeProcesses(String lab) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("io.wanlab.bench.Wanlab node ") && cmd.contains(" --lab " + lab + " ")) {
                out.add(p.pid());
            }
        });
        return out;
    }
}
