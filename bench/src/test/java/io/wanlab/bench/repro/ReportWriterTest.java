package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

class ReportWriterTest {
    static final long T0 = 1_750_000_000_000_000_000L;
    static final String SCRIPT_LABEL = "data <script>alert(1)</script>";

    @TempDir
    Path dir;

    /** Fix 1 working: the whole flow goes direct, the PoP never sees it. */
    static ScenarioResult passing() {
        return new ScenarioResult("fix-rule-order", "builtin", "ok", "ok (200, 120 B)", true,
                "SYN: socket-a > off-cloud > socket-b; ClientHello: socket-a > off-cloud > socket-b",
                List.of("socket-a: flow decided on the SYN by rule #1 simple-direct (off-cloud)", "pop: saw no packet of the flow"),
                850,
                List.of(
                        step(0.0, "client", "socket-a", "SYN", "client LAN", false),
                        step(0.4, "socket-a", "socket-b", "SYN", "rule #1 simple-direct, off-cloud", false),
                        step(0.9, "socket-b", "server", "SYN", "socket-b LAN", false),
                        step(1.3, "server", "client", "SYN-ACK", "end to end", false),
                        step(2.1, "client", "server", "ClientHello", "SNI app.example.test", false)));
    }

    /** The seed failure where a fix was expected: the server resets a ClientHello it never saw a SYN for. */
    static ScenarioResult failing() {
        return new ScenarioResult("fix-no-inspection", "curl", "ok",
                "reset-during-handshake (curl: (35) Recv failure: Connection reset by peer)", false,
                "SYN: socket-a > cato > pop (proxy); ClientHello: socket-a > off-cloud > socket-b",
                List.of("pop: proxied the SYN (TLS inspection on)", "MISSING: server saw the SYN", "server: RST to a ClientHello"),
                2_345,
                List.of(
                        step(0.0, "client", "socket-a", "SYN", "client LAN", false),
                        step(0.5, "socket-a", "pop", "SYN", "rule #1 complex-app undecided, cato", false),
                        step(1.0, "pop", "client", "SYN-ACK", "pop proxy answered", false),
                        step(3.2, "client", "socket-a", SCRIPT_LABEL, "note with <b>markup</b> & \"quotes\"", false),
                        step(3.6, "socket-a", "socket-b", "ClientHello", "switched to off-cloud by rule #2", false),
                        step(4.0, "socket-b", "server", "ClientHello", "socket-b LAN", false),
                        step(4.3, "server", "socket-b", "RST", "no connection for this 4-tuple", true),
                        step(4.7, "socket-b", "client", "RST", "back over off-cloud", true)));
    }

    static LadderStep step(double ms, String from, String to, String label, String note, boolean reset) {
        return new LadderStep(T0 + Math.round(ms * 1_000_000), from, to, label, reset, note);
    }

    @Test
    void writesJsonWithTheVerdictAndEveryScenario() throws IOException {
        Path file = dir.resolve("report.json");
        ReportWriter.writeJson(file, false, List.of(passing(), failing()));

        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"verdict\":\"fail\",\"scenarios\":[");
        List<JsonNode> scenarios = ReportJsonTest.scenarios(json);
        assertThat(scenarios).hasSize(2);
        JsonNode second = scenarios.get(1);
        assertThat(second.get("name").stringValue()).isEqualTo("fix-no-inspection");
        assertThat(second.get("client").stringValue()).isEqualTo("curl");
        assertThat(second.get("pass").isBoolean()).isTrue();
        assertThat(second.get("pass").booleanValue()).isFalse();
        assertThat(second.get("elapsed_ms").longValue()).isEqualTo(2_345L);
        assertThat(second.get("evidence").valueStream().map(JsonNode::stringValue)).contains("MISSING: server saw the SYN");
        assertThat(second.get("ladder").size()).isEqualTo(8);
    }

    @Test
    void writesJunitThatAnXmlParserReads() throws Exception {
        Path file = dir.resolve("junit.xml");
        ReportWriter.writeJunit(file, List.of(passing(), failing()), 3_500);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("wanlab repro");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("3.500");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element ok = (Element) cases.item(0);
        Element bad = (Element) cases.item(1);
        assertThat(ok.getAttribute("classname")).isEqualTo("repro.fix-rule-order");
        assertThat(ok.getAttribute("name")).isEqualTo("builtin");
        assertThat(ok.getAttribute("time")).isEqualTo("0.850");
        assertThat(ok.getElementsByTagName("failure").getLength()).as("a passing run has no failure").isZero();
        assertThat(bad.getAttribute("classname")).isEqualTo("repro.fix-no-inspection");
        assertThat(bad.getAttribute("name")).isEqualTo("curl");
        Element failure = (Element) bad.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("expected ok, observed reset-during-handshake (curl: (35) Recv failure: Connection reset by peer)");
        assertThat(failure.getTextContent()).contains("MISSING: server saw the SYN\n", "server: RST to a ClientHello");
    }

    @Test
    void writesHtmlWithLanesAnArrowPerStepAndRedResets() throws Exception {
        Path file = dir.resolve("report.html");
        ReportWriter.writeHtml(file, false, List.of(passing(), failing()), "wanlab repro");

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).contains("<header class=\"verdict fail\">");
        Document doc = ReportHtmlTest.parse(html);
        assertThat(ReportHtmlTest.texts(doc, "(//*[local-name()='svg'])[2]//*[local-name()='text'][@class='lane-name']"))
                .as("the five lanes, left to right")
                .containsExactly("client", "socket-a", "pop", "socket-b", "server");
        assertThat(ReportHtmlTest.count(doc, "(//*[local-name()='svg'])[1]//*[contains(@class,'arrow')]")).isEqualTo(5);
        assertThat(ReportHtmlTest.count(doc, "(//*[local-name()='svg'])[2]//*[contains(@class,'arrow')]")).isEqualTo(8);

        NodeList resets = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='line'][@class='arrow reset']", doc, XPathConstants.NODESET);
        assertThat(resets.getLength()).as("both RST steps, and nothing else, are drawn as resets").isEqualTo(2);
        assertThat(((Element) resets.item(0)).getAttribute("stroke")).isEqualTo(LadderSvg.RESET_COLOUR);
        assertThat(ReportHtmlTest.texts(doc, "//*[local-name()='text'][@class='label reset']")).containsExactly("RST", "RST");
        assertThat(ReportHtmlTest.count(doc, "//*[local-name()='text'][@class='label reset'][@font-weight='bold']")).isEqualTo(2);

        assertThat(html).as("a label cannot inject markup").doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(ReportHtmlTest.texts(doc, "//*[local-name()='text'][starts-with(., 'data ')]")).containsExactly(SCRIPT_LABEL);
    }

    @Test
    void replacesAnOldReport() throws IOException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "x".repeat(10_000));
        ReportWriter.writeJson(file, true, List.of());
        assertThat(Files.readString(file)).isEqualTo("{\"verdict\":\"pass\",\"scenarios\":[]}\n");
    }

    @Test
    void refusesMissingArgumentsAndNegativeTime() {
        List<ScenarioResult> results = List.of(passing());
        assertThatThrownBy(() -> ReportWriter.writeJson(null, true, results)).isInstanceOf(NullPointerException.class).hasMessage("file");
        assertThatThrownBy(() -> ReportWriter.writeJson(dir.resolve("a"), true, null)).hasMessage("results");
        assertThatThrownBy(() -> ReportWriter.writeHtml(dir.resolve("a"), true, results, null)).hasMessage("title");
        assertThatThrownBy(() -> ReportWriter.writeJunit(dir.resolve("a"), results, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("totalMillis: -1 (expected: >= 0)");
    }

    @Test
    void anUnwritablePlaceIsAnIoError() {
        Path file = dir.resolve("no-such-folder").resolve("report.html");
        assertThatThrownBy(() -> ReportWriter.writeHtml(file, true, List.of(passing()), "t")).isInstanceOf(IOException.class);
    }
}
