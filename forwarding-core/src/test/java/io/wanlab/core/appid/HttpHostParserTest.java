package io.wanlab.core.appid;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.appid.Identified.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A parser that stops advancing would hang; the timeout turns that into a failure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpHostParserTest {
    private static final String REQUEST = "GET /index.html HTTP/1.1\r\nUser-Agent: curl/8.5\r\nHost: app.site-b.lab\r\nAccept: */*\r\n\r\n";

    private static Identified http(String host) {
        return new Identified(Kind.HTTP, host, List.of(), null, null);
    }

    private static Identification parse(List<byte[]> segments) {
        return Segments.last(new HttpHostParser()::offer, segments);
    }

    private static Identification parse(String head) {
        return parse(Segments.whole(ascii(head)));
    }

    @Test
    void findsHost() {
        assertThat(parse(REQUEST)).isEqualTo(http("app.site-b.lab"));
    }

    @Test
    void findsHostSplitAtEveryPoint() {
        byte[] request = ascii(REQUEST);
        int hostLineEnd = REQUEST.indexOf("Accept");
        for (int at = 1; at < request.length; at++) {
            List<Identification> results = Segments.offerAll(new HttpHostParser()::offer, Segments.split(request, at));
            assertThat(results.getLast()).as("split at %d", at).isEqualTo(http("app.site-b.lab"));
            assertThat(results.getFirst()).as("split at %d", at).isSameAs(at < hostLineEnd ? NotYet.INSTANCE : results.getLast());
        }
    }

    @Test
    void findsHostOneByteAtATime() {
        List<Identification> results = Segments.offerAll(new HttpHostParser()::offer, Segments.chunks(ascii(REQUEST), 1));
        int hostLineEnd = REQUEST.indexOf("Accept");
        assertThat(results.subList(0, hostLineEnd - 1)).as("NotYet until the Host line ends").containsOnly(NotYet.INSTANCE);
        assertThat(results.get(hostLineEnd - 1)).as("identified on the Host line's LF").isEqualTo(http("app.site-b.lab"));
        assertThat(results.getLast()).isSameAs(results.get(hostLineEnd - 1));
    }

    @Test
    void identifiesBeforeTheEndOfTheHeaders() {
        assertThat(parse("GET / HTTP/1.1\r\nHost: a.lab\r\n")).isEqualTo(http("a.lab"));
        assertThat(parse("GET / HTTP/1.1\r\nHost: a.lab")).as("the Host line may still continue").isSameAs(NotYet.INSTANCE);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @ValueSource(strings = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT"})
    void acceptsEveryKnownMethod(String method) {
        assertThat(parse(method + " / HTTP/1.1\r\nHost: a.lab\r\n\r\n")).isEqualTo(http("a.lab"));
        assertThat(HttpHostParser.startsMethod(method.charAt(0))).isTrue();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("hostLines")
    void normalizesHostHeader(String hostLine, String expected) {
        assertThat(parse("GET / HTTP/1.0\r\n" + hostLine + "\r\n\r\n")).isEqualTo(http(expected));
    }

    static Stream<Arguments> hostLines() {
        return Stream.of(
                Arguments.of("Host: app.site-b.lab", "app.site-b.lab"),
                Arguments.of("host: app.site-b.lab", "app.site-b.lab"),
                Arguments.of("HOST: app.site-b.lab", "app.site-b.lab"),
                Arguments.of("hOsT: app.site-b.lab", "app.site-b.lab"),
                Arguments.of("Host: App.Site-B.LAB", "app.site-b.lab"),
                Arguments.of("Host: app.site-b.lab:8080", "app.site-b.lab"),
                Arguments.of("Host: app.site-b.lab.:443", "app.site-b.lab"),
                Arguments.of("Host:app.site-b.lab", "app.site-b.lab"),
                Arguments.of("Host: \t app.site-b.lab \t ", "app.site-b.lab"),
                Arguments.of("Host: 10.2.0.10:80", "10.2.0.10"),
                Arguments.of("Host: [::1]:8080", "[::1]"),
                Arguments.of("Host: [FE80::1]", "[fe80::1]"));
    }

    @Test
    void acceptsBareLfLineEndings() {
        assertThat(parse("GET / HTTP/1.1\nAccept: */*\nHost: lf.lab\n\n")).isEqualTo(http("lf.lab"));
    }

    @Test
    void firstHostWins() {
        assertThat(parse("GET / HTTP/1.1\r\nHost: one.lab\r\nHost: two.lab\r\n\r\n")).isEqualTo(http("one.lab"));
    }

    @Test
    void headersThatMerelyResembleHostAreNotHost() {
        assertThat(parse("GET / HTTP/1.1\r\nHostname: a.lab\r\nX-Host: b.lab\r\nHos: c.lab\r\n  Host: d.lab\r\n\r\n"))
                .as("Hostname, X-Host, Hos and a folded continuation line are not the Host header")
                .isEqualTo(new GaveUp("no Host header"));
    }

    @Test
    void hostAtTheEndOfAnAlmostFullHeadIsFound() {
        String head = headOfLength(HttpHostParser.MAX_HEAD, "Host: edge.lab\r\n");
        assertThat(head).hasSize(HttpHostParser.MAX_HEAD);
        assertThat(parse(Segments.chunks(ascii(head), 1400))).isEqualTo(http("edge.lab"));
    }

    @Test
    void hostPastTheBoundIsNotLookedFor() {
        String head = headOfLength(HttpHostParser.MAX_HEAD + 1, "Host: edge.lab\r\n");
        assertThat(parse(Segments.chunks(ascii(head), 1400)))
                .isEqualTo(new GaveUp("http request head exceeds 8192 bytes without a Host header"));
    }

    @Test
    void oversizedHeadersWithoutEndGiveUpAtTheBound() {
        HttpHostParser parser = new HttpHostParser();
        byte[] filler = ascii("X-Filler: " + "f".repeat(1000) + "\r\n");
        Identification r = Segments.offerOne(parser::offer, ascii("POST /upload HTTP/1.1\r\n"));
        int segments = 1;
        while (r == NotYet.INSTANCE) {
            r = Segments.offerOne(parser::offer, filler);
            segments++;
        }
        assertThat(r).isEqualTo(new GaveUp("http request head exceeds 8192 bytes without a Host header"));
        assertThat(segments).as("gave up within the bound, not later").isEqualTo(10);
    }

    @Test
    void finalResultIsKeptWhateverFollows() {
        HttpHostParser parser = new HttpHostParser();
        Identification first = Segments.offerOne(parser::offer, ascii("GET / HTTP/1.1\r\nHost: a.lab\r\n"));
        assertThat(Segments.offerOne(parser::offer, ascii("Host: b.lab\r\n\r\n"))).isSameAs(first);

        HttpHostParser refused = new HttpHostParser();
        Identification gaveUp = Segments.offerOne(refused::offer, ascii("GET / HTTP/1.1\r\n\r\n"));
        assertThat(gaveUp).isEqualTo(new GaveUp("no Host header"));
        assertThat(Segments.offerOne(refused::offer, ascii("Host: a.lab\r\n"))).isSameAs(gaveUp);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void refusesMalformedRequests(String name, String head, String reason) {
        assertThat(parse(head)).isEqualTo(new GaveUp(reason));
        assertThat(parse(Segments.chunks(ascii(head), 1))).as("the same answer byte by byte").isEqualTo(new GaveUp(reason));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", "no Host header"),
                Arguments.of("no headers", "GET / HTTP/1.0\r\n\r\n", "no Host header"),
                Arguments.of("lower-case method", "get / HTTP/1.1\r\n", "not an http request: unknown method (byte 0x67 at index 0)"),
                Arguments.of("method too long", "GETS / HTTP/1.1\r\n", "not an http request: unknown method (byte 0x53 at index 3)"),
                Arguments.of("method prefix only", "POS / HTTP/1.1\r\n", "not an http request: unknown method (byte 0x20 at index 3)"),
                Arguments.of("SMTP greeting", "HELO mail.lab\r\n", "not an http request: unknown method (byte 0x4c at index 2)"),
                Arguments.of("SSH banner", "SSH-2.0-OpenSSH_9.6\r\n", "not an http request: unknown method (byte 0x53 at index 0)"),
                Arguments.of("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "not an http request: unknown method (byte 0x52 at index 1)"),
                Arguments.of("HTTP/2.0 request line", "GET / HTTP/2.0\r\nHost: a.lab\r\n", "request line does not end with HTTP/1.x"),
                Arguments.of("HTTP/0.9 request line", "GET /\r\n", "request line does not end with HTTP/1.x"),
                Arguments.of("version with a letter", "GET / HTTP/1.x\r\n", "request line does not end with HTTP/1.x"),
                Arguments.of("NUL in request line", "GET /\0 HTTP/1.1\r\n", "invalid byte 0x00 in request line"),
                Arguments.of("header without colon", "GET / HTTP/1.1\r\nAccept\r\n", "header line without ':'"),
                Arguments.of("empty header name", "GET / HTTP/1.1\r\n: a.lab\r\n", "empty header name"),
                Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost : a.lab\r\n", "invalid byte 0x20 in header name"),
                Arguments.of("empty Host", "GET / HTTP/1.1\r\nHost:   \r\n", "empty Host header"),
                Arguments.of("Host with path", "GET / HTTP/1.1\r\nHost: a.lab/x\r\n", "Host header: invalid character 0x2f at index 5"),
                Arguments.of("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a.lab\r\n", "Host header: invalid character 0x40 at index 1"),
                Arguments.of("Host with empty label", "GET / HTTP/1.1\r\nHost: a..lab\r\n", "Host header: empty label at index 2"),
                Arguments.of("Host with empty port", "GET / HTTP/1.1\r\nHost: a.lab:\r\n", "Host header: invalid port ':'"),
                Arguments.of("Host with letter port", "GET / HTTP/1.1\r\nHost: a.lab:8o\r\n", "Host header: invalid port ':8o'"),
                Arguments.of("Host with 6-digit port", "GET / HTTP/1.1\r\nHost: a.lab:123456\r\n", "Host header: invalid port ':123456'"),
                Arguments.of("Host with two ports", "GET / HTTP/1.1\r\nHost: a.lab:1:2\r\n", "Host header: invalid port ':1:2'"),
                Arguments.of("Host with control byte", "GET / HTTP/1.1\r\nHost: a\u0001.lab\r\n", "invalid byte 0x01 in Host header"),
                Arguments.of("Host too long", "GET / HTTP/1.1\r\nHost: " + "a".repeat(301) + "\r\n", "Host header longer than 300 bytes"),
                Arguments.of("Host name too long", "GET / HTTP/1.1\r\nHost: " + "a.".repeat(127) + "ab\r\n",
                        "Host header: length 256 (expected: 1..253)"),
                Arguments.of("bad IPv6 literal", "GET / HTTP/1.1\r\nHost: [zz::1]\r\n", "Host header: invalid character 0x7a in IPv6 literal"),
                Arguments.of("unterminated IPv6 literal", "GET / HTTP/1.1\r\nHost: [::1\r\n", "Host header: unterminated or empty IPv6 literal"),
                Arguments.of("empty IPv6 literal", "GET / HTTP/1.1\r\nHost: []\r\n", "Host header: unterminated or empty IPv6 literal"));
    }

    /** A request head of exactly {@code length} bytes whose last header line is {@code lastLine}. */
    private static String headOfLength(int length, String lastLine) {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
        String prefix = "X-Pad: ";
        while (sb.length() + lastLine.length() + 1000 < length) {
            sb.append(prefix).append("p".repeat(1000 - prefix.length() - 2)).append("\r\n");
        }
        int rest = length - sb.length() - lastLine.length() - prefix.length() - 2;
        sb.append(prefix).append("q".repeat(rest)).append("\r\n").append(lastLine);
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
