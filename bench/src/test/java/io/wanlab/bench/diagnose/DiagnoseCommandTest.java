package io.wanlab.bench.diagnose;

import static io.wanlab.bench.diagnose.SyntheticCapture.NONE;
import static io.wanlab.bench.diagnose.SyntheticCapture.PSH;
import static io.wanlab.bench.diagnose.SyntheticCapture.ACK;
import static io.wanlab.bench.diagnose.SyntheticCapture.RST;
import static io.wanlab.bench.diagnose.SyntheticCapture.TS_OPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.cli.DiagnoseCommandAccess;
import io.wanlab.core.json.Json;
import io.wanlab.core.packet.ClientHellos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The command's exit codes, lines and JSON. */
class DiagnoseCommandTest {
    @TempDir
    Path dir;

    private Path resetCapture() throws Exception {
        return new SyntheticCapture()
                .tcp(0, "198.18.1.10", 40000, "198.18.2.10", 443, 1001, 5001, PSH | ACK, 62, TS_OPTIONS,
                        ClientHellos.jdk("app.site-b.lab", "http/1.1"))
                .tcp(1, "198.18.2.10", 443, "198.18.1.10", 40000, 5001, 0, RST, 64, NONE, NONE)
                .write(dir.resolve("reset.pcap"));
    }

    @Test
    void findingsExitOneWithOneLineEachAndAVerdict() throws Exception {
        DiagnoseCommandAccess.Run r = DiagnoseCommandAccess.run(resetCapture().toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FOUND reset-without-syn  198.18.1.10:40000 -> 198.18.2.10:443  t=0.001000s  frames 1,2:")
                .contains("ClientHello sni=app.site-b.lab").contains("verdict: 1 flow reset mid-handshake");
    }

    @Test
    void nothingFoundExitsZero() throws Exception {
        Path empty = new SyntheticCapture().arp().write(dir.resolve("empty.pcap"));

        DiagnoseCommandAccess.Run r = DiagnoseCommandAccess.run(empty.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("verdict: nothing found in 0 TCP flows");
    }

    @Test
    void anUnreadableCaptureIsOneLineAndExitTwo() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "not a capture at all, just text");

        DiagnoseCommandAccess.Run r = DiagnoseCommandAccess.run(junk.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("wanlab diagnose: " + junk + ": cannot read the capture:").doesNotContain("\n")
                .doesNotContain("at io.wanlab");
        assertThat(DiagnoseCommandAccess.run(dir.resolve("missing.pcap").toString()).exit()).isEqualTo(2);
    }

    @Test
    void jsonWithTheReplay() throws Exception {
        DiagnoseCommandAccess.Run r = DiagnoseCommandAccess.run("--json", "--rules", "bug", resetCapture().toString());

        JsonNode doc = Json.strict().readTree(r.out());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
        JsonNode capture = doc.get("captures").get(0);
        assertThat(capture.get("findings").get(0).get("signature").asString()).isEqualTo("reset-without-syn");
        assertThat(capture.get("flows").get(0).get("clientHello").get("sni").asString()).isEqualTo("app.site-b.lab");
        assertThat(capture.get("replays").get(0).get("reset").asBoolean()).as(r.out()).isTrue();
    }

    @Test
    void aBrokenLabIsExitTwo() throws Exception {
        DiagnoseCommandAccess.Run r = DiagnoseCommandAccess.run("--rules", "no-such-preset", resetCapture().toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("wanlab diagnose: --rules no-such-preset");
    }
}
