package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriterTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportHtmlTest {
    private static final String ARROWS = "//*[local-name()='line' or local-name()='path'][contains(@class,'arrow')]";

    @Test
    void headerShowsTheVerdictAndTheSummaryOneRowPerRun() throws Exception {
        String html = ReportHtml.render(true, List.of(ReportWriterTest.passing(), ReportWriterTest.failing()), "repro & co");
        Document doc = parse(html);
        assertThat(texts(doc, "//*[local-name()='title']").getFirst()).isEqualTo("repro & co — pass");
        assertThat(html).contains("<header class=\"verdict pass\">").contains("1 of 2 runs passed");
        assertThat(texts(doc, "//*[local-name()='table']//*[local-name()='th']"))
                .containsExactly("scenario", "client", "expected", "observed", "pass", "path", "elapsed");
        assertThat(texts(doc, "//*[local-name()='tbody']/*[local-name()='tr'][2]/*[local-name()='td']")).containsExactly(
                "fix-no-inspection", "curl", "ok", "reset-during-handshake (curl: (35) Recv failure: Connection reset by peer)", "fail",
                "SYN: socket-a > cato > pop (proxy); ClientHello: socket-a > off-cloud > socket-b", "2.35 s");
        assertThat(count(doc, "//*[local-name()='section']")).isEqualTo(2);
        assertThat(count(doc, "//*[local-name()='li'][@class='missing']")).as("a failed check stands out").isEqualTo(1);
    }

    @Test
    void failVerdictIsRed() {
        assertThat(ReportHtml.render(false, List.of(), "t")).contains("<header class=\"verdict fail\">")
                .contains("header.fail { background: #c62828; }").contains("no scenarios ran");
    }

    @Test
    void pageIsSelfContained() {
        String html = ReportHtml.render(false, List.of(ReportWriterTest.passing(), ReportWriterTest.failing()), "t");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .as("nothing fetched, nothing run")
                .doesNotContain("http:", "https:", "src=", "url(", "@import", "<script", "<link");
    }

    @Test
    void stepsAreDrawnInTimeOrderWithTheirTimes() throws Exception {
        Document doc = parse(svgOf(List.of(
                new LadderStep(T0 + 12_345_678, "server", "socket-b", "RST", true, "n3"),
                new LadderStep(T0, "client", "socket-a", "SYN", false, "n1"),
                new LadderStep(T0 + 1_500_000, "socket-a", "pop", "SYN", false, "n2"))));
        assertThat(texts(doc, "//*[local-name()='text'][@class='time']")).containsExactly("0.0", "1.5", "12.3");
        assertThat(texts(doc, "//*[local-name()='text'][starts-with(@class,'label')]")).containsExactly("SYN", "SYN", "RST");
        assertThat(texts(doc, "//*[local-name()='g']/*[local-name()='title']"))
                .as("the tooltip carries the note")
                .containsExactly("client → socket-a: SYN\nn1", "socket-a → pop: SYN\nn2", "server → socket-b: RST\nn3");
    }

    @Test
    void arrowsRunFromLaneToLaneWithHeadsAtTheReceiver() throws Exception {
        Document doc = parse(svgOf(List.of(
                new LadderStep(T0, "client", "server", "SYN", false, ""),
                new LadderStep(T0 + 1, "server", "client", "RST", true, ""))));
        List<Element> lifelines = elements(doc, "//*[@class='lifeline']");
        int client = Integer.parseInt(lifelines.getFirst().getAttribute("x1"));
        int server = Integer.parseInt(lifelines.getLast().getAttribute("x1"));
        List<Element> arrows = elements(doc, ARROWS);
        assertThat(Integer.parseInt(arrows.get(0).getAttribute("x1"))).isEqualTo(client);
        assertThat(Integer.parseInt(arrows.get(0).getAttribute("x2"))).isBetween(server - 10, server);
        assertThat(arrows.get(0).getAttribute("stroke")).isEqualTo(LadderSvg.STEP_COLOUR);
        assertThat(Integer.parseInt(arrows.get(1).getAttribute("x1"))).isEqualTo(server);
        assertThat(Integer.parseInt(arrows.get(1).getAttribute("x2"))).isBetween(client, client + 10);
        List<Element> heads = elements(doc, "//*[@class='head']");
        assertThat(heads.get(0).getAttribute("points")).as("first head's tip at the server").startsWith((server - 1) + ",");
        assertThat(heads.get(1).getAttribute("points")).as("second head's tip at the client").startsWith((client + 1) + ",");
        assertThat(heads.get(1).getAttribute("fill")).isEqualTo(LadderSvg.RESET_COLOUR);
    }

    @Test
    void unknownLanesAreAddedAfterTheServerUpToALimit() throws Exception {
        List<LadderStep> steps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            steps.add(new LadderStep(T0 + i, "client", "extra-" + i, "x", false, ""));
        }
        Document doc = parse(svgOf(steps));
        assertThat(texts(doc, "//*[@class='lane-name']")).containsExactly(
                "client", "socket-a", "pop", "socket-b", "server", "extra-0", "extra-1", "extra-2", "extra-3", LadderSvg.OTHER_LANE);
        assertThat(count(doc, ARROWS)).isEqualTo(7);
        assertThat(texts(parse(svgOf(ReportWriterTest.passing().ladder())), "//*[@class='lane-name']"))
                .as("no extra lane without an unknown name")
                .hasSize(LadderSvg.LANES.size());
    }

    @Test
    void aStepWithinOneLaneIsALoop() throws Exception {
        Document doc = parse(svgOf(List.of(new LadderStep(T0, "pop", "pop", "proxy accept", false, ""))));
        assertThat(count(doc, "//*[local-name()='path'][@class='arrow']")).isEqualTo(1);
        assertThat(texts(doc, "//*[@class='label']")).containsExactly("proxy accept");
    }

    @Test
    void longLaddersAreCutWithACount() throws Exception {
        List<LadderStep> steps = new ArrayList<>();
        for (int i = 0; i < LadderSvg.MAX_STEPS + 37; i++) {
            steps.add(new LadderStep(T0 + i * 1_000L, "client", "socket-a", "data " + i, false, ""));
        }
        String svg = LadderSvg.render(steps);
        Document doc = parse(wrap(svg));
        assertThat(count(doc, ARROWS)).isEqualTo(LadderSvg.MAX_STEPS);
        assertThat(texts(doc, "//*[@class='more']")).containsExactly("… 37 more packets (not drawn; report.json lists them all)");
        assertThat(svg.length()).as("bounded output").isLessThan(LadderSvg.MAX_STEPS * 1_000);
    }

    @Test
    void anEmptyLadderSaysSo() throws Exception {
        Document doc = parse(svgOf(List.of()));
        assertThat(texts(doc, "//*[@class='empty']")).containsExactly("no packets captured for this flow");
        assertThat(count(doc, "//*[@class='lane-name']")).isEqualTo(5);
    }

    @Test
    void longLabelsAreCutAndKeptWholeInTheTooltip() throws Exception {
        String label = "ClientHello SNI " + "a-very-long-name.".repeat(10) + "example";
        Document doc = parse(svgOf(List.of(new LadderStep(T0, "client", "socket-a", label, false, "n"))));
        String drawn = texts(doc, "//*[@class='label']").getFirst();
        assertThat(drawn).endsWith("…").hasSizeLessThan(label.length());
        assertThat(label).startsWith(drawn.substring(0, drawn.length() - 1));
        assertThat(texts(doc, "//*[local-name()='title']").getFirst()).contains(label);
        Element text = elements(doc, "//*[@class='label']").getFirst();
        assertThat(Integer.parseInt(text.getAttribute("x")) - drawn.length() * 6.5 / 2)
                .as("the label does not run into the time column").isGreaterThan(60);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&lt; literal", "nul \u0000 esc \u001b",
            "]]><!--", "unpaired \udc00", "' onmouseover='x", ""})
    void hostileTextIsEscapedEverywhere(String text) throws Exception {
        ScenarioResult r = new ScenarioResult(text, text, text, text, false, text, List.of(text, "MISSING: " + text), 1,
                List.of(new LadderStep(T0, text, "client", text, true, text), new LadderStep(T0 + 1, "pop", "pop", text, false, text)));
        String html = ReportHtml.render(false, List.of(r), text);
        Document doc = parse(html);
        assertThat(html).doesNotContain("<script", "<img", "<!--");
        assertThat(count(doc, "//*[@onerror or @onmouseover]")).isZero();
        assertThat(count(doc, ARROWS)).isEqualTo(2);
        String readable = ReportJunitTest.sanitized(text);
        assertThat(texts(doc, "//*[local-name()='li']")).containsExactly(readable, "MISSING: " + readable);
    }

    private static String svgOf(List<LadderStep> steps) {
        return wrap(LadderSvg.render(steps));
    }

    private static String wrap(String svg) {
        return "<div>" + svg + "</div>";
    }

    /** The page is written to be well-formed XML too, so a strict parser proves no stray markup got in. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(Document doc, String xpath) throws Exception {
        return elements(doc, xpath).size();
    }

    static List<String> texts(Document doc, String xpath) throws Exception {
        List<String> out = new ArrayList<>();
        for (Element e : elements(doc, xpath)) {
            out.add(e.getTextContent());
        }
        return out;
    }

    static List<Element> elements(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
