package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wanlab.bench.client.ClientRequest;
import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.LabTlsClient;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.client.ResolveOverride;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.pcap.CapturedPacket;
import io.wanlab.core.pcap.PcapngReader;
import io.wanlab.server.ca.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The live lab with the fixed rulebase (simple Off-Cloud rule first): real namespaces, TUNs,
 * node processes, kernel TCP and TLS. Root only; always runs in CI.
 */
@Tag("live")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveLabTest {
    /** This class's own lab: other labs on the machine (a user's, another test's) do not matter. */
    static final String LAB = "tlive";
    static Path run;
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        LiveLab.assumeCanRun(LAB);
        run = Files.createTempDirectory("wanlab-live-");
        lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("fixed", null, null), run.resolve("run"), true,
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

    private static String curl(String host) throws Exception {
        CommandResult r = LiveLab.exec(LAB, "client", "curl", "-sS", "-m", "10", "--cacert", lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE).toString(),
                "--resolve", host + ":443:198.18.2.10", "https://" + host + "/");
        assertThat(r.exitCode()).as("curl to %s: %s", host, r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    @Order(1)
    void curlThroughTheFixedRulebaseGoesDirectAndNeverTouchesThePop() throws Exception {
        long popBefore = LiveLab.number(LiveLab.status(LAB, "pop"), null, "routed");

        String body = curl("app.site-b.lab");

        assertThat(body).contains("wanlab server-stub", "sni: app.site-b.lab");
        String socketA = LiveLab.status(LAB, "socket-a");
        String socketB = LiveLab.status(LAB, "socket-b");
        assertThat(LiveLab.number(socketA, "off-cloud", "sent")).as("socket-a sent over off-cloud").isPositive();
        assertThat(socketA).as("device nodes run SCHED_BATCH").contains("\"scheduling\":\"batch\"");
        assertThat(socketB).contains("\"scheduling\":\"batch\"");
        assertThat(LiveLab.status(LAB, "pop")).contains("\"scheduling\":\"batch\"");
        assertThat(LiveLab.number(socketB, "off-cloud", "received")).as("socket-b received over off-cloud").isPositive();
        assertThat(LiveLab.number(socketA, "cato-a", "sent")).as("nothing over cato").isZero();
        assertThat(LiveLab.number(LiveLab.status(LAB, "pop"), null, "routed")).as("the PoP routed nothing").isEqualTo(popBefore);
        List<CapturedPacket> offCloud = PcapngReader.readAll(lab.runDir().resolve("socket-a/socket-a-off-cloud.pcapng"));
        assertThat(offCloud).as("the off-cloud tap saw the flow, with its rule in the comment")
                .anySatisfy(p -> assertThat(p.comment()).contains("Site A to Site B over Off-Cloud", "off-cloud"));
    }

    @Test
    @Order(2)
    void theBuiltInClientGetsTheBodyFromInsideTheClientNamespace() throws Exception {
        ClientRequest request = ClientRequest.of("https://app.site-b.lab/", PemFiles.readCertificates(lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE)))
                .withResolve(ResolveOverride.parse("app.site-b.lab:443:198.18.2.10"));

        ClientResult result = InNamespace.call(LAB, "client", () -> {
            try (LabTlsClient client = new LabTlsClient()) {
                return client.fetch(request);
            }
        });

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.OK);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("wanlab server-stub");
    }

    @Test
    @Order(3)
    void pingCrossesTheLabAndIcmpIsSubjectToRules() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/bin/ping")) || Files.exists(Path.of("/bin/ping")), "needs ping (iputils-ping)");

        CommandResult r = LiveLab.exec(LAB, "client", "ping", "-c", "3", "-W", "2", "198.18.2.10");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(LiveLab.status(LAB, "socket-a")).as("the ICMP flow was decided by a rule").contains("\"protocol\":1");
    }
}
