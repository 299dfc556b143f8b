package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.bench.Wanlab;
import io.wanlab.core.json.Json;
import io.wanlab.core.link.LinkTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** The options both lab benchmarks share: {@code --link-transport}, and what the JSON says carried the run. */
class BenchLabOptionsTest {
    @Test
    void linksAreTcpUnlessAskedAndUdpOnRequest() {
        BenchLab.Options defaults = new BenchLab.Options();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.linkTransport).isEqualTo(LinkTransport.TCP);
        BenchLab.Options udp = new BenchLab.Options();
        new CommandLine(udp).parseArgs("--link-transport", "udp");
        assertThat(udp.linkTransport).isEqualTo(LinkTransport.UDP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"throughput", "handshakes"})
    void anUnknownTransportIsRefusedBeforeAnyLabIsBuilt(String bench) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Wanlab.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", bench, "--link-transport", "quic", "--name", "nolabhere");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("link transport: 'quic' (expected: tcp or udp)").doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("lab up");
    }

    @Test
    void theJsonSaysWhatCarriedTheRun() {
        ThroughputReport report = ThroughputTableTest.sample();
        JsonNode json = Json.strict().readTree(report.toJson(new BenchLab.LabShape(LinkTransport.UDP, "off")));
        assertThat(json.get("links").stringValue()).isEqualTo("udp");
        assertThat(json.get("tun_offloads").stringValue()).isEqualTo("off");
        assertThat(json.get("lab").get("path").stringValue()).as("the lab path's figures keep their key").isEqualTo(ThroughputRun.LAB_PATH);
        assertThat(Json.strict().readTree(report.toJson()).has("links")).isFalse();
    }
}
