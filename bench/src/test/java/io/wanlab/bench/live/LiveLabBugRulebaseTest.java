package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.node.LabSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The live lab with the seed's rulebase (complex rule first); the PoP passes flows through. Root only. */
@Tag("live")
class LiveLabBugRulebaseTest {
    /** This class's own lab: other labs on the machine (a user's, another test's) do not matter. */
    static final String LAB = "tbug";
    static LabLauncher.RunningLab lab;

    @BeforeAll
    static void up() throws Exception {
        LiveLab.assumeCanRun(LAB);
        Path dir = Files.createTempDirectory("wanlab-live-bug-");
        lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("bug", null, null), dir.resolve("run"), true,
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

    @Test
    void anApplicationTheComplexRuleKeepsOnCatoCrossesThePopAndSucceeds() throws Exception {
        long before = LiveLab.number(LiveLab.status(LAB, "pop"), null, "routed");

        CommandResult r = LiveLab.exec(LAB, "client", "curl", "-sS", "-m", "10", "--cacert", lab.runDir().resolve(io.wanlab.server.ca.LabCaFiles.TRUST_FILE).toString(),
                "--resolve", "crm.site-b.lab:443:198.18.2.10", "https://crm.site-b.lab/");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("wanlab server-stub", "sni: crm.site-b.lab");
        String socketA = LiveLab.status(LAB, "socket-a");
        assertThat(LiveLab.number(LiveLab.status(LAB, "pop"), null, "routed") - before)
                .as("the crm flow went through the PoP (pass-through)").isGreaterThan(5);
        assertThat(LiveLab.number(socketA, "off-cloud", "sent")).as("nothing of it went direct").isZero();
        assertThat(LiveLab.number(socketA, null, "identified")).isEqualTo(1);
    }
}
