package io.wanlab.bench.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.Wanlab;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code wanlab link}: the control words it sends, and the mistakes it refuses before touching a lab. */
class LinkCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Wanlab.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void setSendsOnlyWhatItNamesClearFirst() {
        LinkCommand.Set set = new LinkCommand.Set();
        new CommandLine(set).parseArgs("off-cloud", "--delay", "30ms", "--loss", "1%", "--no-blackhole", "--flap", "500ms/5s",
                "--clear", "--seed", "7");
        assertThat(set.words()).containsExactly("none", "delay=30ms", "loss=1%", "blackhole=false", "flap=500ms/5s", "seed=7");
        LinkCommand.Set only = new LinkCommand.Set();
        new CommandLine(only).parseArgs("off-cloud", "--blackhole");
        assertThat(only.words()).containsExactly("blackhole=true");
    }

    @Test
    void aBadValueIsRefusedBeforeAnyNodeIsAsked() {
        String[] r = run("link", "set", "off-cloud", "--name", "hinolab", "--delay", "3xs");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("link set: duration: '3xs' (expected: a number and a unit us, ms or s, such as 30ms)\n");
        r = run("link", "set", "off-cloud", "--name", "hinolab");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("link set: nothing to set (expected: --delay,");
        r = run("link", "set", "off-cloud", "--name", "hinolab", "--jitter", "5ms");
        assertThat(r[0]).as("jitter alone is checked against the end's delay by the node: %s", r[2]).isEqualTo("3");
    }

    @Test
    void aLabThatIsNotUpIsSaidPlainly() {
        String[] r = run("link", "show", "--name", "hinolab");
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2]).startsWith("lab 'hinolab' is not up (no /run/wanlab/hinolab/").contains("./wanlab up --name hinolab");
    }

    @Test
    void showNamesSendDropsAndAUdpLinksDatagramDrops() {
        String links = """
                [{"name":"off-cloud","peer":"socket-b","up":true,"impairment":"none","queued":0,"keepalive":"interval=1000ms misses=5",
                  "send-drops":{"link-busy":2},"datagram-drops":{"undecodable":3}},
                 {"name":"alt-wan","peer":"socket-b","up":false,"impairment":"none","queued":0,"keepalive":"interval=1000ms misses=5",
                  "send-drops":{}}]""";
        StringWriter out = new StringWriter();
        LinkCommand.print(new PrintWriter(out, true), "socket-a", io.wanlab.core.json.Json.strict().readTree(links));
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString().lines().toList().get(0)).endsWith("drops: link-busy 2, datagram undecodable 3");
        assertThat(out.toString().lines().toList().get(1)).endsWith("drops: none");
    }
}
