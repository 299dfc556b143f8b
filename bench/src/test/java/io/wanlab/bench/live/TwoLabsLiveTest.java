package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabRuns;
import io.wanlab.bench.lab.cli.DownCommand;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.topo.LabNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two named labs up at once on one machine, the bug and the fixed rulebase: each client sees its
 * own lab's behaviour, and removing one leaves the other fully working. Root only; CI runs it.
 */
@Tag("live")
class TwoLabsLiveTest {
    static final String BUG = "tbugtwo";
    static final String FIXED = "tfixtwo";

    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftBehind() {
        LiveLab.down(BUG);
        LiveLab.down(FIXED);
        LiveLab.assertNothingLeft(BUG);
        LiveLab.assertNothingLeft(FIXED);
    }

    private static CommandResult curl(String lab, LabLauncher.RunningLab running) throws Exception {
        return LiveLab.exec(lab, "client", "curl", "-sS", "-m", "10", "--cacert", running.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE).toString(),
                "--resolve", "app.site-b.lab:443:198.18.2.10", "https://app.site-b.lab/");
    }

    private static int down(String lab) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new DownCommand()).setOut(new PrintWriter(out)).execute("--name", lab);
        System.out.print(out);
        return exit;
    }

    @Test
    void twoLabsRunSideBySideAndDownOfOneLeavesTheOtherWorking() throws Exception {
        LiveLab.assumeCanRun(BUG);
        LiveLab.assumeCanRun(FIXED);
        LabLauncher.RunningLab bug = LiveLab.up(BUG, new LabLauncher.Options(new LabSpec("bug", null, null),
                dir.resolve("bug"), false, Duration.ofSeconds(40)));
        LabLauncher.RunningLab fixed = LiveLab.up(FIXED, new LabLauncher.Options(new LabSpec("fixed", null, null),
                dir.resolve("fixed"), false, Duration.ofSeconds(40)));
        assertThat(LabRuns.withFolders(LabNames.RUN_ROOT)).contains(BUG, FIXED);
        assertThat(LabNames.statusSocket(BUG, "pop")).exists();
        assertThat(LabNames.statusSocket(FIXED, "pop")).exists();

        CommandResult reset = curl(BUG, bug);
        assertThat(reset.exitCode()).as("the bug lab resets the handshake: %s", reset.stderr()).isEqualTo(35);
        assertThat(reset.stderr()).contains("Connection reset by peer");
        CommandResult ok = curl(FIXED, fixed);
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("wanlab server-stub");

        assertThat(down(BUG)).isZero();
        LiveLab.assertNothingLeft(BUG);

        CommandResult stillOk = curl(FIXED, fixed);
        assertThat(stillOk.exitCode()).as("the fixed lab still works after the bug lab went: %s", stillOk.stderr()).isZero();
        assertThat(stillOk.stdout()).contains("wanlab server-stub");
        assertThat(LiveLab.status(FIXED, "socket-a")).contains("\"ready\":true");
        assertThat(fixed.processes().values()).as("every node of the fixed lab still runs").allMatch(Process::isAlive);

        assertThat(down(FIXED)).isZero();
        LiveLab.assertNothingLeft(FIXED);
    }

    @Test
    void upOfALabThatIsUpSaysSoAndLeavesItAlone() throws Exception {
        LiveLab.assumeCanRun(BUG);
        LabLauncher.RunningLab bug = LiveLab.up(BUG, new LabLauncher.Options(new LabSpec("bug", null, null),
                dir.resolve("first"), false, Duration.ofSeconds(40)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveLab.up(BUG, new LabLauncher.Options(
                        new LabSpec("fixed", null, null), dir.resolve("second"), false, Duration.ofSeconds(40))))
                .hasMessageStartingWith("lab '" + BUG + "' is already up")
                .hasMessageContaining("./wanlab down --name " + BUG);

        assertThat(LabNames.stateFile(BUG)).as("the running lab's state is untouched").exists();
        assertThat(LiveLab.status(BUG, "pop")).contains("\"ready\":true");
        assertThat(bug.processes().values()).allMatch(Process::isAlive);
        assertThat(dir.resolve("second")).as("the refused up made nothing").doesNotExist();
    }

    @Test
    void aFailedUpRemovesTheStatusSocketsItsNodesCreated() throws Exception {
        LiveLab.assumeCanRun(BUG);
        // The PoP is stopped (SIGSTOP) as soon as it is started: the Sockets create their status
        // sockets but never become ready (their links never come up), so the launcher times out.
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    var state = io.wanlab.bench.lab.LabState.read(LabNames.stateFile(BUG));
                    if (state.isPresent() && state.get().pids().containsKey("pop")) {
                        new ProcessBuilder("kill", "-STOP", Long.toString(state.get().pids().get("pop"))).start().waitFor();
                        return;
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    // The state file is being replaced: read it again.
                }
            }
        }, "stop-pop");
        stopper.start();
        boolean[] sawSockets = new boolean[1];
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !sawSockets[0]) {
                sawSockets[0] = Files.exists(LabNames.statusSocket(BUG, "socket-a"));
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watch-sockets");
        watcher.start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LiveLab.up(BUG, new LabLauncher.Options(
                        new LabSpec("bug", null, null), dir.resolve("run"), false, Duration.ofSeconds(6))))
                .hasMessageContaining("not ready after 6 s");
        stopper.join();
        watcher.join();

        assertThat(sawSockets[0]).as("socket-a had created its status socket before the failure").isTrue();
        LiveLab.assertNothingLeft(BUG);
    }
}
