package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.link.LinkTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The live lab with links over UDP datagrams instead of TCP: the same flows, the same answers. Root only. */
@Tag("live")
class LiveLabUdpTest {
    static Path stateFile;
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        LiveLab.assumeCanRun();
        Path dir = Files.createTempDirectory("wanlab-live-udp-");
        stateFile = dir.resolve("lab.json");
        lab = LiveLab.up(new LabLauncher.Options(new LabSpec("bug", null, null), dir.resolve("run"), true,
                Duration.ofSeconds(40), LinkTransport.UDP), stateFile);
    }

    @AfterAll
    static void down() {
        if (lab == null) {
            return;
        }
        LiveLab.down(stateFile);
        assertThat(new NamespaceBackend().list()).as("no wanlab- namespace is left").isEmpty();
        assertThat(LiveLab.nodeProcesses()).as("no node process is left").isEmpty();
    }

    private static CommandResult curl(String host) throws Exception {
        return LiveLab.exec("client", "curl", "-sS", "-m", "10", "--cacert", lab.runDir().resolve("ca.pem").toString(),
                "--resolve", host + ":443:198.18.2.10", "https://" + host + "/");
    }

    @Test
    void overUdpLinksTheSeedStillResetsAndTheCloudPathStillWorks() throws Exception {
        CommandResult crm = curl("crm.site-b.lab");
        CommandResult app = curl("app.site-b.lab");

        String socketA = LiveLab.status("socket-a");
        assertThat(socketA).contains("\"links-over\":\"udp\"");
        assertThat(crm.exitCode()).as(crm.stderr()).isZero();
        assertThat(crm.stdout()).contains("wanlab server-stub");
        assertThat(app.exitCode()).as("the seed's failure: " + app.stderr()).isEqualTo(35);
        assertThat(app.stderr()).contains("reset by peer");
        assertThat(LiveLab.number(socketA, "off-cloud", "sent")).as("the ClientHello went off-cloud, over UDP").isPositive();
    }
}
