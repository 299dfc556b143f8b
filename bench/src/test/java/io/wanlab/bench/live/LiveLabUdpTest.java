package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
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
    /** This class's own lab: other labs on the machine (a user's, another test's) do not matter. */
    static final String LAB = "tudp";
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        LiveLab.assumeCanRun(LAB);
        Path dir = Files.createTempDirectory("wanlab-live-udp-");
        lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("bug", null, null), dir.resolve("run"), true,
                Duration.ofSeconds(40), LinkTransport.UDP));
    }

    @AfterAll
    static void down() {
        if (lab == null) {
            return;
        }
        LiveLab.down(LAB);
        LiveLab.assertNothingLeft(LAB);
    }

    private static CommandResult curl(String host) throws Exception {
        return LiveLab.exec(LAB, "client", "curl", "-sS", "-m", "10", "--cacert", lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE).toString(),
                "--resolve", host + ":443:198.18.2.10", "https://" + host + "/");
    }

    @Test
    void overUdpLinksTheSeedStillResetsAndTheCloudPathStillWorks() throws Exception {
        CommandResult crm = curl("crm.site-b.lab");
        CommandResult app = curl("app.site-b.lab");

        String socketA = LiveLab.status(LAB, "socket-a");
        assertThat(socketA).contains("\"links-over\":\"udp\"");
        assertThat(crm.exitCode()).as(crm.stderr()).isZero();
        assertThat(crm.stdout()).contains("wanlab server-stub");
        assertThat(app.exitCode()).as("the seed's failure: " + app.stderr()).isEqualTo(35);
        assertThat(app.stderr()).contains("reset by peer");
        assertThat(LiveLab.number(socketA, "off-cloud", "sent")).as("the ClientHello went off-cloud, over UDP").isPositive();
    }
}
