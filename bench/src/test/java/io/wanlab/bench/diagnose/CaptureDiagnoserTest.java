package io.wanlab.bench.diagnose;

import static io.wanlab.bench.diagnose.SyntheticCapture.ACK;
import static io.wanlab.bench.diagnose.SyntheticCapture.NONE;
import static io.wanlab.bench.diagnose.SyntheticCapture.PSH;
import static io.wanlab.bench.diagnose.SyntheticCapture.RST;
import static io.wanlab.bench.diagnose.SyntheticCapture.SYN;
import static io.wanlab.bench.diagnose.SyntheticCapture.SYN_OPTIONS;
import static io.wanlab.bench.diagnose.SyntheticCapture.TS_OPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.packet.ClientHellos;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each signature on a small capture written byte by byte, and each look-alike that must not be one. */
class CaptureDiagnoserTest {
    static final String C = "198.18.1.10";
    static final String S = "198.18.2.10";
    static final byte[] HELLO = ClientHellos.jdk("app.site-b.lab", "http/1.1");
    static final byte[] SERVER_HELLO = {0x16, 3, 3, 0, 4, 2, 0, 0, 0};

    @TempDir
    Path dir;

    private Diagnosis diagnose(SyntheticCapture c, String rules) throws Exception {
        LabFile lab = rules == null ? null : new LabSpec(rules, null, null).load();
        return CaptureDiagnoser.diagnose(c.write(dir.resolve("c.pcap")), lab, Account.DEFAULT_PROXIED_PORTS, l -> { });
    }

    /** SYN, SYN-ACK and ACK with the given SYN-ACK TTL. */
    private static SyntheticCapture handshake(int synAckTtl) {
        return new SyntheticCapture()
                .tcp(0, C, 40000, S, 443, 1000, 0, SYN, 64, SYN_OPTIONS, NONE)
                .tcp(1, S, 443, C, 40000, 5000, 1001, SYN | ACK, synAckTtl, SYN_OPTIONS, NONE)
                .tcp(1, C, 40000, S, 443, 1001, 5001, ACK, 64, TS_OPTIONS, NONE);
    }

    @Test
    void serverSideResetWithoutSyn() throws Exception {
        SyntheticCapture c = new SyntheticCapture().arp()
                .tcp(0, C, 40000, S, 443, 1001, 5001, PSH | ACK, 62, TS_OPTIONS, HELLO)
                .tcp(1, S, 443, C, 40000, 5001, 0, RST, 64, NONE, new byte[0]);

        Diagnosis d = diagnose(c, null);

        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.signature()).isEqualTo(Signature.RESET_WITHOUT_SYN);
            assertThat(f.frames()).as("Wireshark's frame numbers: the ARP is frame 1").containsExactly(2L, 3L);
            assertThat(f.flow().toString()).isEqualTo("198.18.1.10:40000 -> 198.18.2.10:443");
        });
        assertThat(d.skipped()).containsEntry("arp", 1L);
        assertThat(d.flows().getFirst().clientHello().sni()).isEqualTo("app.site-b.lab");
    }

    @Test
    void aCaptureStartedMidFlowIsNotAResetWithoutSyn() throws Exception {
        SyntheticCapture c = new SyntheticCapture()
                .tcp(0, S, 443, C, 40000, 5001, 1001, ACK, 64, TS_OPTIONS, SERVER_HELLO)
                .tcp(1, C, 40000, S, 443, 1001, 5010, PSH | ACK, 64, TS_OPTIONS, HELLO)
                .tcp(1, S, 443, C, 40000, 5010, 0, RST, 64, NONE, new byte[0]);

        assertThat(diagnose(c, null).findings()).as("the server spoke before: it knew the connection").isEmpty();
    }

    @Test
    void clientSideHandshakeWithoutServer() throws Exception {
        SyntheticCapture c = handshake(63)
                .tcp(1, C, 40000, S, 443, 1001, 5001, PSH | ACK, 64, TS_OPTIONS, HELLO)
                .tcp(2, S, 443, C, 40000, 5001, 0, RST, 62, NONE, new byte[0]);

        Diagnosis d = diagnose(c, null);

        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.signature()).isEqualTo(Signature.HANDSHAKE_WITHOUT_SERVER);
            assertThat(f.frames()).containsExactly(1L, 2L, 4L, 5L);
            assertThat(f.detail()).contains("IP TTL 62 where the SYN-ACK had 63").contains("no TCP timestamp");
        });
    }

    @Test
    void aResetFromTheSameStackIsNotAFinding() throws Exception {
        SyntheticCapture c = handshake(63)
                .tcp(1, C, 40000, S, 443, 1001, 5001, PSH | ACK, 64, TS_OPTIONS, HELLO)
                .tcp(2, S, 443, C, 40000, 5001, 0, RST | ACK, 63, TS_OPTIONS, new byte[0]);

        assertThat(diagnose(c, null).findings()).as("same TTL, stamped: the server that answered the SYN").isEmpty();
    }

    @Test
    void blackHoleAndTheClientHelloReassembledFromSegments() throws Exception {
        byte[] a = Arrays.copyOfRange(HELLO, 0, 100);
        byte[] b = Arrays.copyOfRange(HELLO, 100, HELLO.length);
        SyntheticCapture c = handshake(63)
                // the second segment first, then the first, then both again: reassembled by sequence number
                .tcp(1, C, 40000, S, 443, 1101, 5001, PSH | ACK, 64, TS_OPTIONS, b)
                .tcp(1, C, 40000, S, 443, 1001, 5001, ACK, 64, TS_OPTIONS, a)
                .tcp(200, C, 40000, S, 443, 1001, 5001, ACK, 64, TS_OPTIONS, a)
                .tcp(0, C, 40000, S, 443, 1101, 5001, PSH | ACK, 64, TS_OPTIONS, b)
                .tcp(400, C, 40000, S, 443, 1001, 5001, ACK, 64, TS_OPTIONS, a);

        Diagnosis d = diagnose(c, null);

        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.signature()).isEqualTo(Signature.BLACK_HOLE);
            assertThat(f.frames()).as("every copy of the first payload").containsExactly(5L, 6L, 8L);
        });
        ClientHelloInfo hello = d.flows().getFirst().clientHello();
        assertThat(hello.sni()).isEqualTo("app.site-b.lab");
        assertThat(hello.segments()).isEqualTo(2);
        assertThat(hello.size()).isEqualTo(HELLO.length);
        assertThat(hello.recordVersion()).isNotNull();
        assertThat(hello.supportedVersions()).as(hello.toString()).isNotNull();
    }

    @Test
    void anAnsweredConnectionIsClean() throws Exception {
        SyntheticCapture c = handshake(63)
                .tcp(1, C, 40000, S, 443, 1001, 5001, PSH | ACK, 64, TS_OPTIONS, HELLO)
                .tcp(1, S, 443, C, 40000, 5001, 1001 + HELLO.length, PSH | ACK, 63, TS_OPTIONS, SERVER_HELLO);

        Diagnosis d = diagnose(c, null);

        assertThat(d.findings()).isEmpty();
        assertThat(DiagnoseText.lines(d)).last().asString().startsWith("verdict: nothing found in 1 TCP flows");
    }

    @Test
    void theBugRulesPredictTheResetOnTheRealPacketsAndTheFixedRulesDoNot() throws Exception {
        SyntheticCapture c = handshake(63).tcp(1, C, 40000, S, 443, 1001, 5001, PSH | ACK, 64, TS_OPTIONS, HELLO);

        RulesReplay.Result bug = diagnose(c, "bug").replays().getFirst();
        assertThat(bug.reset()).as(bug.toString()).isTrue();
        assertThat(bug.firstPacket()).startsWith("undecided: rule #1");
        assertThat(bug.identifiedFrame()).as("the ClientHello's frame").isEqualTo(4);
        assertThat(bug.switchFrame()).isEqualTo(4);
        assertThat(bug.switched()).startsWith("cato -> off-cloud");

        RulesReplay.Result fixed = diagnose(c, "fixed").replays().getFirst();
        assertThat(fixed.reset()).as(fixed.toString()).isFalse();
        assertThat(fixed.firstPacket()).contains("off-cloud");
    }

    @Test
    void aServerSideCaptureIsReplayedWithTheSynItMissed() throws Exception {
        SyntheticCapture crm = new SyntheticCapture()
                .tcp(0, C, 40001, S, 443, 1001, 5001, PSH | ACK, 62, TS_OPTIONS, ClientHellos.jdk("crm.site-b.lab", "http/1.1"));

        RulesReplay.Result r = diagnose(crm, "bug").replays().getFirst();

        assertThat(r.reset()).as(r.toString()).isFalse();
        assertThat(r.identification()).contains("crm.site-b.lab");
    }

    @Test
    void aClientInNoSiteIsSaidSo() throws Exception {
        SyntheticCapture c = new SyntheticCapture().tcp(0, "10.0.0.1", 40000, S, 443, 1000, 0, SYN, 64, SYN_OPTIONS, NONE);

        RulesReplay.Result r = diagnose(c, "bug").replays().getFirst();

        assertThat(r.site()).isNull();
        assertThat(r.verdict()).contains("10.0.0.1 is in no site of lab");
    }

    @Test
    void aNewSynOnTheSameTupleIsANewFlow() throws Exception {
        SyntheticCapture c = new SyntheticCapture()
                .tcp(0, C, 40000, S, 443, 1000, 0, SYN, 64, SYN_OPTIONS, NONE)
                .tcp(1, S, 443, C, 40000, 0, 1001, RST | ACK, 64, NONE, NONE)
                .tcp(1, C, 40000, S, 443, 9000, 0, SYN, 64, SYN_OPTIONS, NONE);

        List<FlowReport> flows = diagnose(c, null).flows();

        assertThat(flows).extracting(FlowReport::firstFrame).containsExactly(1L, 3L);
    }
}
