package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.cli.DiagnoseCommandAccess;
import io.wanlab.bench.diagnose.CaptureDiagnoser;
import io.wanlab.bench.diagnose.Diagnosis;
import io.wanlab.bench.diagnose.Finding;
import io.wanlab.bench.diagnose.FlowReport;
import io.wanlab.bench.diagnose.RulesReplay;
import io.wanlab.bench.diagnose.Signature;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.server.ca.LabCaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * diagnose on captures that real tcpdump wrote on the lab's veths while curl ran, in the bug lab
 * (db1) and the fixed lab (db2), from the server's side and the client's: the bug is found in the
 * bug captures and nothing in the fixed ones, and the rules replay predicts the reset for
 * app.site-b.lab only, and none with the fixed rulebase.
 */
@Tag("live")
class DiagnoseLiveTest {
    static final String BUG_LAB = "db1";
    static final String FIXED_LAB = "db2";
    static final String APP = "app.site-b.lab";
    static final String CRM = "crm.site-b.lab";
    static Path dir;
    static Captured bug;
    static Captured fixed;

    /** tcpdump's pcap and, from the same moments, dumpcap's pcapng (what tshark and Wireshark write). */
    record Captured(Path server, Path client, Path serverNg, Path clientNg) {}

    @BeforeAll
    static void capture() throws Exception {
        LiveLab.assumeCanRun(BUG_LAB);
        LiveLab.assumeCanRun(FIXED_LAB);
        dir = Files.createTempDirectory("wanlab-live-diagnose-");
        bug = run(BUG_LAB, "bug", 35);
        fixed = run(FIXED_LAB, "fixed", 0);
    }

    @AfterAll
    static void down() throws java.io.IOException {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        for (String lab : List.of(BUG_LAB, FIXED_LAB)) {
            LiveLab.down(lab);
            LiveLab.assertNothingLeft(lab);
        }
    }

    /** Brings the lab up, captures on both hosts' eth0 while curl asks for app then crm, and takes the lab down. */
    private static Captured run(String name, String preset, int appExit) throws Exception {
        LabLauncher.RunningLab lab = LiveLab.up(name, new LabLauncher.Options(new LabSpec(preset, null, null),
                dir.resolve(name + "-run"), false, Duration.ofSeconds(40)));
        try {
            Path server = dir.resolve(name + "-server.pcap");
            Path client = dir.resolve(name + "-client.pcap");
            Path serverNg = dir.resolve(name + "-server.pcapng");
            Path clientNg = dir.resolve(name + "-client.pcapng");
            long serverDump = tcpdump(name, "server", server);
            long clientDump = tcpdump(name, "client", client);
            long serverNgDump = dumpcap(name, "server", serverNg);
            long clientNgDump = dumpcap(name, "client", clientNg);
            String ca = lab.runDir().resolve(LabCaFiles.TRUST_FILE).toString();
            CommandResult app = curl(name, ca, APP);
            CommandResult crm = curl(name, ca, CRM);
            Thread.sleep(300); // the last FIN or RST reaches both taps
            stop(serverDump);
            stop(clientDump);
            stop(serverNgDump);
            stop(clientNgDump);
            assertThat(app.exitCode()).as("curl %s in the %s lab: %s", APP, preset, app.stderr()).isEqualTo(appExit);
            assertThat(crm.exitCode()).as("curl %s in the %s lab: %s", CRM, preset, crm.stderr()).isZero();
            return new Captured(server, client, serverNg, clientNg);
        } finally {
            LiveLab.down(name);
        }
    }

    /**
     * tcpdump with {@code --immediate-mode}: without it libpcap takes packets from the kernel in
     * blocks, handed over when full or after up to a second, and tcpdump stopped within that
     * second writes none of the last block; the test stops it 300 ms after curl, so the server's
     * capture came out empty in about one run of three ("0 packets captured, 16 packets received
     * by filter" in its log) while dumpcap's of the same moments held all 16.
     */
    private static long tcpdump(String lab, String node, Path file) throws Exception {
        Path log = Path.of(file + ".log");
        CommandResult r = LiveLab.exec(lab, node, "bash", "-c", "setsid tcpdump -i eth0 --immediate-mode -U -Z root -w " + file
                + " port 443 </dev/null >/dev/null 2>" + log + " & echo $!");
        long pid = Long.parseLong(r.stdout().strip());
        for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).contains("listening on")); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).as("tcpdump on %s started", node).contains("listening on");
        return pid;
    }

    /** dumpcap (Wireshark's capture engine, which tshark runs) writes pcapng. */
    private static long dumpcap(String lab, String node, Path file) throws Exception {
        Path log = Path.of(file + ".log");
        CommandResult r = LiveLab.exec(lab, node, "bash", "-c", "setsid dumpcap -q -i eth0 -f 'port 443' -w " + file
                + " </dev/null >/dev/null 2>" + log + " & echo $!");
        long pid = Long.parseLong(r.stdout().strip());
        for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).contains("Capturing on")); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).as("dumpcap on %s started", node).contains("Capturing on");
        return pid;
    }

    private static void stop(long pid) throws Exception {
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroy(); // SIGTERM: tcpdump flushes and closes its file
        p.onExit().get(10, TimeUnit.SECONDS);
    }

    private static CommandResult curl(String lab, String ca, String host) throws Exception {
        return LiveLab.exec(lab, "client", "curl", "-sS", "-o", "/dev/null", "-m", "5", "--cacert", ca, "--resolve",
                host + ":443:198.18.2.10", "https://" + host + "/");
    }

    private static Diagnosis diagnose(Path capture, String rules) throws Exception {
        LabFile lab = rules == null ? null : new LabSpec(rules, null, null).load();
        return CaptureDiagnoser.diagnose(capture, lab, Account.DEFAULT_PROXIED_PORTS, line -> { });
    }

    private static FlowReport flowOf(Diagnosis d, String sni) {
        return d.flows().stream().filter(f -> f.clientHello() != null && sni.equals(f.clientHello().sni())).findFirst()
                .orElseThrow(() -> new AssertionError("no flow with sni " + sni + " in " + d.flows()));
    }

    @Test
    void theServerSideBugCaptureShowsAResetWithoutSyn() throws Exception {
        Diagnosis d = diagnose(bug.server(), null);

        assertThat(d.findings()).extracting(Finding::signature).containsExactly(Signature.RESET_WITHOUT_SYN);
        assertThat(flowOf(d, APP).findings()).as("the reset is the app flow's").hasSize(1);
        assertThat(flowOf(d, CRM).sawSyn()).as("crm went through the PoP's proxy, whose server leg sends a SYN").isTrue();
    }

    @Test
    void theClientSideBugCaptureShowsAHandshakeWithNoServerBehindIt() throws Exception {
        Diagnosis d = diagnose(bug.client(), null);

        assertThat(d.findings()).extracting(Finding::signature).containsExactly(Signature.HANDSHAKE_WITHOUT_SERVER);
        assertThat(flowOf(d, APP).findings()).hasSize(1);
        assertThat(flowOf(d, CRM).findings()).isEmpty();
    }

    @Test
    void theFixedCapturesShowNothing() throws Exception {
        assertThat(diagnose(fixed.server(), null).findings()).isEmpty();
        assertThat(diagnose(fixed.client(), null).findings()).isEmpty();
        assertThat(flowOf(diagnose(fixed.client(), null), APP).clientHello().segments()).isPositive();
    }

    @Test
    void theBugRulesPredictTheResetForAppOnlyAndTheFixedRulesNone() throws Exception {
        Diagnosis withBug = diagnose(bug.client(), "bug");
        RulesReplay.Result app = replayOf(withBug, APP);
        RulesReplay.Result crm = replayOf(withBug, CRM);
        assertThat(app.reset()).as(app.toString()).isTrue();
        assertThat(app.midHandshake()).isTrue();
        assertThat(app.identifiedFrame()).as("identified on the ClientHello's frame").isEqualTo(flowOf(withBug, APP).clientHello().lastFrame());
        assertThat(crm.reset()).as(crm.toString()).isFalse();

        assertThat(diagnose(bug.client(), "fixed").replays()).as("the fixed rulebase on the same flows")
                .isNotEmpty().noneMatch(RulesReplay.Result::reset);
        assertThat(diagnose(fixed.client(), "fixed").replays()).isNotEmpty().noneMatch(RulesReplay.Result::reset);
    }

    @Test
    void theCommandExitsOneOnTheBugAndZeroOnTheFix() {
        assertThat(DiagnoseCommandAccess.run(bug.server().toString(), bug.client().toString()).exit()).isEqualTo(1);
        DiagnoseCommandAccess.Run clean = DiagnoseCommandAccess.run(fixed.server().toString(), fixed.client().toString());
        assertThat(clean.exit()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("verdict: nothing found");
    }

    private static RulesReplay.Result replayOf(Diagnosis d, String sni) {
        FlowReport f = flowOf(d, sni);
        return d.replays().stream().filter(r -> r.flow().equals(f.flow())).findFirst().orElseThrow();
    }

    @Test
    void dumpcapsPcapngGivesTheSameVerdictsAsTcpdumpsPcap() throws Exception {
        assertThat(diagnose(bug.serverNg(), null).findings()).extracting(Finding::signature).containsExactly(Signature.RESET_WITHOUT_SYN);
        assertThat(diagnose(bug.clientNg(), null).findings()).extracting(Finding::signature)
                .containsExactly(Signature.HANDSHAKE_WITHOUT_SERVER);
        assertThat(diagnose(fixed.serverNg(), null).findings()).isEmpty();
        assertThat(diagnose(fixed.clientNg(), null).findings()).isEmpty();
        assertThat(replayOf(diagnose(bug.clientNg(), "bug"), APP).reset()).isTrue();
        assertThat(replayOf(diagnose(bug.clientNg(), "bug"), CRM).reset()).isFalse();
    }
}
