package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.server.ca.LabCaFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ClientCommandTest {
    @RegisterExtension
    final StubServerExtension stub = new StubServerExtension(TestTls.CA);

    @RegisterExtension
    final LoopbackServerExtension loopback = new LoopbackServerExtension();

    @TempDir
    Path run;

    private record Run(int exit, String out, String err) {
    }

    private static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ClientCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] args(InetSocketAddress server, String... extra) throws Exception {
        Path ca = LabCaFiles.write(TestTls.CA, run).certificate();
        List<String> args = new ArrayList<>(List.of("https://app.site-b.lab:" + server.getPort() + "/cli",
                "--cacert", ca.toString(), "--resolve", "app.site-b.lab:" + server.getPort() + ":127.0.0.1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void printsJsonAndExitsZeroAgainstTheStub() throws Exception {
        Run result = execute(args(stub.address(), "--json"));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("{\"outcome\":\"ok\",\"exit\":0,\"detail\":\"HTTP 200\",").contains("\"status\":200");
        assertThat(result.out().lines()).hasSize(1);
    }

    @Test
    void printsTheSummaryAndTheBodyOnRequest() throws Exception {
        Run result = execute(args(stub.address(), "--body", "--tls", "1.2", "--transport", "nio"));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("ok: HTTP 200, ").contains("over TLSv1.2").contains("request: GET /cli");
    }

    @Test
    void exitsTenWhenTheServerResetsTheClientHello() throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.resetOnClientHello());

        Run result = execute(args(server, "--timeout", "3s"));

        assertThat(result.exit()).isEqualTo(10);
        assertThat(result.out()).startsWith("reset-during-handshake after ").contains("(exit 10)");
    }

    static List<Arguments> usageErrors() {
        return List.of(
                Arguments.of("missing CA file", List.of("https://a.lab/", "--cacert", "/nonexistent/ca.pem"), "no such file"),
                Arguments.of("CA file without a certificate", List.of("https://a.lab/", "--cacert", "/dev/null"), "no CERTIFICATE block"),
                Arguments.of("bad resolve", List.of("https://a.lab/", "--resolve", "a.lab:443", "--cacert", "CA"), "HOST:PORT:ADDRESS"),
                Arguments.of("resolve for another port", List.of("https://a.lab/", "--resolve", "a.lab:8443:127.0.0.1", "--cacert", "CA"), "does not match"),
                Arguments.of("bad timeout", List.of("https://a.lab/", "--timeout", "soon", "--cacert", "CA"), "duration: 'soon'"),
                Arguments.of("zero timeout", List.of("https://a.lab/", "--timeout", "0s", "--cacert", "CA"), "timeout: PT0S"),
                Arguments.of("bad TLS version", List.of("https://a.lab/", "--tls", "1.1", "--cacert", "CA"), "TLS version: '1.1'"),
                Arguments.of("bad transport", List.of("https://a.lab/", "--transport", "kqueue", "--cacert", "CA"), "expected: nio or epoll"),
                Arguments.of("plain http", List.of("http://a.lab/", "--cacert", "CA"), "expected: https://"),
                Arguments.of("no URL", List.of("--cacert", "CA"), "URL"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoWithAMessage(String name, List<String> args, String message) throws Exception {
        String ca = LabCaFiles.write(TestTls.CA, run).certificate().toString();
        Run result = execute(args.stream().map(a -> a.equals("CA") ? ca : a).toArray(String[]::new));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpListsTheExitCodes() {
        Run result = execute("--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("reset-during-handshake", "10", "tls-error", "--resolve");
    }
}
