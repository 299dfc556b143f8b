package io.wanlab.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.cli.LinkCommand;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.bench.repro.AccountingCheck;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A 30 ms delay set at run time ({@code wanlab link set off-cloud --delay 30ms}, both ends) shows
 * as about 60 ms more round trip on a ping through the off-cloud link; status and events show the
 * setting, and the books balance. Root only; CI runs it.
 */
@Tag("live")
class LinkImpairmentLiveTest {
    static final String LAB = "timpair";
    static final Pattern RTT = Pattern.compile("rtt min/avg/max/mdev = ([\\d.]+)/([\\d.]+)/([\\d.]+)/([\\d.]+) ms");

    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftBehind() {
        LiveLab.down(LAB);
        LiveLab.assertNothingLeft(LAB);
    }

    static int link(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new LinkCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        System.out.print(out);
        System.out.print(err);
        return exit;
    }

    /** The average RTT of 20 pings from the client to the server (site A to site B: off-cloud in the fixed rules). */
    private static double pingAverage() throws Exception {
        CommandResult ping = LiveLab.exec(LAB, "client", "ping", "-c", "20", "-i", "0.05", "-q", "198.18.2.10");
        assertThat(ping.exitCode()).as(ping.stdout() + ping.stderr()).isZero();
        Matcher m = RTT.matcher(ping.stdout());
        assertThat(m.find()).as(ping.stdout()).isTrue();
        System.out.println(ping.stdout().lines().filter(l -> l.startsWith("rtt") || l.contains("transmitted")).toList());
        return Double.parseDouble(m.group(2));
    }

    @Test
    void aThirtyMillisecondDelayOnBothEndsAddsSixtyToThePingRoundTrip() throws Exception {
        LiveLab.assumeCanRun(LAB);
        LabLauncher.RunningLab lab = LiveLab.up(LAB, new LabLauncher.Options(new LabSpec("fixed", null, null), dir.resolve("run"),
                true, Duration.ofSeconds(40)));
        pingAverage(); // warms the path (ARP, flows)
        double clean = pingAverage();

        assertThat(link("set", "off-cloud", "--name", LAB, "--delay", "30ms")).isZero();
        double delayed = pingAverage();
        System.out.printf("ping RTT through off-cloud: clean avg %.3f ms; with delay=30ms on both ends avg %.3f ms; +%.3f ms%n",
                clean, delayed, delayed - clean);
        assertThat(delayed - clean).as("one 30 ms delay each way").isBetween(55.0, 75.0);

        String status = LiveLab.status(LAB, "socket-a");
        assertThat(status).contains("\"impairment\":\"delay=30ms\"");
        List<String> books = AccountingCheck.after(LAB, List.of("socket-a", "socket-b", "pop"));
        books.forEach(System.out::println);
        assertThat(AccountingCheck.pass(books)).as("the books balance with a delay queue").isTrue();

        assertThat(link("set", "off-cloud", "--name", LAB, "--clear")).isZero();
        assertThat(link("show", "--name", LAB)).isZero();
        assertThat(link("set", "off-cloud", "--name", LAB, "--from", "pop", "--delay", "1ms")).as("pop is not an end").isEqualTo(2);
        LiveLab.down(LAB);

        List<Event> events = EventJson.readAll(lab.runDir().resolve("socket-a").resolve("events.jsonl"));
        assertThat(events).filteredOn(e -> e instanceof Event.LinkImpaired).extracting(e -> ((Event.LinkImpaired) e).impairment())
                .containsExactly("delay=30ms", "none");
    }
}
