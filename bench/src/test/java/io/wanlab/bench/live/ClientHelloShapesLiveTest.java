package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first four ClientHello shapes of issue 10, live in the bug lab with curl and openssl, and a
 * loop of new connections on reused source ports. crm.site-b.lab is what rule #1 names: a 200 for
 * it proves Socket A read the name (had it not, rule #2 would have switched the flow and the server
 * would have reset it). A ClientHello without SNI names nothing, so the rules decide without an
 * application: rule #2, off-cloud, and the bug lab's reset, at once and every time.
 */
@Tag("live")
class ClientHelloShapesLiveTest {
    static final String LAB = "tshapes";
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        LiveLab.assumeCanRun(LAB);
        Path dir = Files.createTempDirectory("wanlab-live-shapes-");
        lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("bug", null, null), dir.resolve("run"), false,
                Duration.ofSeconds(40)));
    }

    @AfterAll
    static void down() {
        if (lab == null) {
            return;
        }
        LiveLab.down(LAB);
        LiveLab.assertNothingLeft(LAB);
    }

    private static String ca() {
        return lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE).toString();
    }

    private static CommandResult client(String... cmd) throws Exception {
        return LiveLab.exec(LAB, "client", cmd);
    }

    private static CommandResult shell(String script) throws Exception {
        return client("bash", "-c", script);
    }

    @Test
    void noSniClientHelloIsResetWithinTwoSecondsEveryTime() throws Exception {
        for (int i = 0; i < 3; i++) {
            CommandResult r = client("curl", "-k", "-sS", "-o", "/dev/null", "-m", "5", "-w", "%{time_total}",
                    "https://198.18.2.10/");
            assertThat(r.exitCode()).as("try %d: %s", i + 1, r.stderr()).isEqualTo(35);
            assertThat(r.stderr()).contains("Connection reset by peer");
            assertThat(Double.parseDouble(r.stdout())).as("seconds to the reset").isLessThan(2.0);
        }
        assertThat(LiveLab.status(LAB, "socket-a")).contains("\"no-route\":0");
    }

    @Test
    void tls12OnlyIsIdentified() throws Exception {
        CommandResult r = client("curl", "-sS", "-m", "10", "--tls-max", "1.2", "--cacert", ca(), "--resolve",
                "crm.site-b.lab:443:198.18.2.10", "https://crm.site-b.lab/");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("sni: crm.site-b.lab");
    }

    @Test
    void aClientHelloInSeveralRecordsIsIdentified() throws Exception {
        // A long ALPN list makes openssl's ClientHello about 1 KB; -max_send_frag 512 cuts it into two records.
        String alpn = String.join(",", Arrays.stream(new String[40]).map(x -> "proto-number-xx").toList()) + ",http/1.1";
        CommandResult r = shell("printf 'GET / HTTP/1.0\\r\\nHost: crm.site-b.lab\\r\\n\\r\\n' | timeout 10 openssl s_client"
                + " -quiet -connect 198.18.2.10:443 -servername crm.site-b.lab -CAfile " + ca() + " -max_send_frag 512 -alpn "
                + alpn);

        assertThat(r.stdout()).as(r.stderr()).contains("200 OK").contains("sni: crm.site-b.lab");
    }

    @Test
    void aClientHelloOverManySmallSegmentsIsIdentified() throws Exception {
        // A route MTU of 120 to the server: the client's segments carry 68 bytes, its ClientHello takes eight.
        CommandResult r = shell("ip route add 198.18.2.10/32 via 198.18.1.1 dev eth0 mtu lock 120 && "
                + "curl -sS -m 10 --cacert " + ca() + " --resolve crm.site-b.lab:443:198.18.2.10 https://crm.site-b.lab/;"
                + " rc=$?; ip route del 198.18.2.10/32; exit $rc");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("sni: crm.site-b.lab");
    }

    @Test
    void everyNewConnectionOnAReusedPortIsANewFlowAndIsReset() throws Exception {
        // Ten source ports for 200 connections: each port is reused about 20 times, right after its reset.
        long flowsBefore = LiveLab.number(LiveLab.status(LAB, "socket-a"), null, "new-flows");
        String urls = "https://app.site-b.lab/ ".repeat(50);
        CommandResult r = shell("sysctl -qw net.ipv4.ip_local_port_range='40100 40109' && for i in 1 2 3 4; do"
                + " curl -s -o /dev/null -m 3 --cacert " + ca() + " --resolve app.site-b.lab:443:198.18.2.10"
                + " -w '%{exitcode}\\n' " + urls + "; done; sysctl -qw net.ipv4.ip_local_port_range='32768 60999'");

        String[] codes = r.stdout().strip().split("\n");
        assertThat(codes).as("one exit code per connection").hasSize(200);
        assertThat(codes).as("curl 35: reset during the handshake, every one").containsOnly("35");
        long flowsAfter = LiveLab.number(LiveLab.status(LAB, "socket-a"), null, "new-flows");
        assertThat(flowsAfter - flowsBefore).as("flows created at Socket A, one per connection").isEqualTo(200);
    }
}
