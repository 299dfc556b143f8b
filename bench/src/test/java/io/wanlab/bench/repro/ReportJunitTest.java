package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportJunitTest {
    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"amp & lt < gt > quot \" apos '", "]]> cdata end", "<failure message=\"x\"/>",
            "nul \u0000 bell \u0007 esc \u001b[31m", "tab\tnewline\nreturn\r", "c1 \u0085 \u009b del \u007f",
            "unpaired \ud800 and \udc00", "nonchars \ufffe \uffff", "emoji \ud83d\ude00", "&amp; already escaped"})
    void hostileTextStaysValidXmlAndReadsBack(String text) throws Exception {
        ScenarioResult r = new ScenarioResult(text, text, text, text, false, text, List.of(text, "second"), 5, List.of());
        Document doc = parse(ReportJunit.render(List.of(r), 5));

        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        String readable = sanitized(text);
        assertThat(testcase.getAttribute("classname")).isEqualTo("repro." + readable);
        assertThat(testcase.getAttribute("name")).as("tab, newline and return survive attribute normalisation").isEqualTo(readable);
        assertThat(failure.getAttribute("message")).isEqualTo("expected " + readable + ", observed " + readable);
        assertThat(failure.getTextContent()).isEqualTo(readable + "\nsecond\n");
    }

    @Test
    void allPassingHasNoFailures() throws Exception {
        Document doc = parse(ReportJunit.render(List.of(ReportWriterTest.passing(), ReportWriterTest.passing()), 1_700));
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void noResultsIsAnEmptySuite() throws Exception {
        Document doc = parse(ReportJunit.render(List.of(), 0));
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("time")).isEqualTo("0.000");
    }

    @ParameterizedTest(name = "{index}: {0} ms")
    @CsvSource({"0, 0.000", "1, 0.001", "999, 0.999", "61234, 61.234", "-5, 0.000"})
    void timeIsSecondsAndNeverNegative(long millis, String seconds) throws Exception {
        ScenarioResult r = new ScenarioResult("s", "builtin", "ok", "ok", true, "p", List.of(), millis, List.of());
        Element testcase = (Element) parse(ReportJunit.render(List.of(r), 0)).getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("time")).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain| plain",
            "a&b<c>d| a&amp;b&lt;c&gt;d",
            "`say \"hi\" it's`| say &quot;hi&quot; it&#39;s",
            "`x\u0001y`| x\ufffdy"})
    void escapesMarkup(String text, String escaped) {
        assertThat(ReportWriter.escape(text)).isEqualTo(escaped.strip());
    }

    /** What a reader gets back: forbidden characters replaced, everything else as written. */
    static String sanitized(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            boolean forbidden = c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c >= 0x7f && c <= 0x9f || c == 0xfffe || c == 0xffff || Character.isSurrogate(c) && !pair;
            sb.append(forbidden ? '\ufffd' : c);
        }
        return sb.toString();
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
