package io.wanlab.bench.client;

import static io.wanlab.bench.client.TestTls.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.server.StubEvent;
import io.wanlab.server.ca.TlsVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lab client against the real stub and against misbehaving loopback servers, on every transport available. */
class LabTlsClientTest {
    private static final List<X509Certificate> LAB_CA = List.of(TestTls.CA.certificate());
    private static LabTlsClient nio;
    private static LabTlsClient epoll;

    @RegisterExtension
    final StubServerExtension stub = new StubServerExtension(TestTls.CA);

    @RegisterExtension
    final LoopbackServerExtension loopback = new LoopbackServerExtension();

    @BeforeAll
    static void startClients() {
        nio = new LabTlsClient(ClientTransport.NIO);
        epoll = ClientTransport.EPOLL.available() ? new LabTlsClient(ClientTransport.EPOLL) : null;
    }

    @AfterAll
    static void stopClients() {
        nio.close();
        if (epoll != null) {
            epoll.close();
        }
    }

    static Stream<ClientTransport> transports() {
        return Arrays.stream(ClientTransport.values()).filter(ClientTransport::available);
    }

    static Stream<Arguments> transportsTimesTen() {
        return transports().flatMap(t -> java.util.stream.IntStream.range(0, 10).mapToObj(i -> Arguments.of(t, i)));
    }

    private static LabTlsClient client(ClientTransport transport) {
        return transport == ClientTransport.EPOLL ? epoll : nio;
    }

    private static ClientRequest request(InetSocketAddress server) {
        return ClientRequest.of("https://" + HOST + ":" + server.getPort() + "/hello", LAB_CA)
                .withConnectAddress(server.getAddress())
                .withTimeout(Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void getsTheStubsAnswer(ClientTransport transport) {
        ClientResult result = client(transport).fetch(request(stub.address()));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.OK);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("wanlab server-stub", "sni: app.site-b.lab", "request: GET /hello");
        assertThat(result.bytes()).isEqualTo(result.body().length());
        assertThat(result.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(result.exitCode()).isZero();
        assertThat(stub.events()).filteredOn(StubEvent.Handshake.class::isInstance)
                .singleElement().extracting(e -> ((StubEvent.Handshake) e).alpn()).isEqualTo("http/1.1");
    }

    static Stream<Arguments> transportsAndVersions() {
        return transports().flatMap(t -> Arrays.stream(TlsVersion.values()).map(v -> Arguments.of(t, v)));
    }

    @ParameterizedTest(name = "{index}: {0} against a {1}-only stub")
    @MethodSource("transportsAndVersions")
    void worksWithAStubThatSpeaksOnlyOneVersion(ClientTransport transport, TlsVersion version) {
        stub.configure(c -> c.withVersions(Set.of(version)));

        ClientResult result = client(transport).fetch(request(stub.address()));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.OK);
        assertThat(result.tlsProtocol()).isEqualTo(version.protocolName());
        assertThat(result.body()).contains("protocol: " + version.protocolName());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void trustingAnotherCaIsATlsError(ClientTransport transport) {
        ClientRequest request = new ClientRequest(request(stub.address()).url(), List.of(TestTls.OTHER_CA.certificate()),
                java.util.Optional.of(stub.address().getAddress()), Duration.ofSeconds(3), Duration.ofSeconds(5), TlsVersion.ALL);

        ClientResult result = client(transport).fetch(request);

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.exitCode()).isEqualTo(14);
        assertThat(result.detail()).containsIgnoringCase("certification path");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aNameTheCertificateDoesNotCoverIsATlsError(ClientTransport transport) {
        ClientRequest request = ClientRequest.of("https://other.site-b.lab:" + stub.address().getPort() + "/", LAB_CA)
                .withConnectAddress(stub.address().getAddress());

        ClientResult result = client(transport).fetch(request);

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.detail()).contains("other.site-b.lab");
    }

    @ParameterizedTest(name = "{index}: {0} run {1}")
    @MethodSource("transportsTimesTen")
    void aResetAnsweringTheClientHelloIsResetDuringHandshake(ClientTransport transport, int run) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.resetOnClientHello());

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as("the seed's failure, every time: " + result.summary())
                .isEqualTo(Outcome.RESET_DURING_HANDSHAKE);
        assertThat(result.exitCode()).isEqualTo(10);
        assertThat(result.detail()).containsIgnoringCase("connection reset");
        assertThat(result.tlsProtocol()).isEmpty();
        assertThat(result.toJson()).startsWith("{\"outcome\":\"reset-during-handshake\",\"exit\":10,");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aResetAfterTheHandshakeIsResetAfterHandshake(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.tlsThenResetOnRequest(TestTls.jdkServerContext(HOST)));

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.RESET_AFTER_HANDSHAKE);
        assertThat(result.exitCode()).isEqualTo(11);
        assertThat(result.tlsProtocol()).as("the handshake did complete").isNotEmpty();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aResetMidResponseKeepsTheBytesReceived(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.tlsPartialResponseThenReset(TestTls.jdkServerContext(HOST)));

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.RESET_AFTER_HANDSHAKE);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.bytes()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aCleanCloseDuringTheHandshakeIsNotAReset(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.closeOnClientHello());

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as("a FIN is not an RST: " + result.summary()).isEqualTo(Outcome.OTHER_ERROR);
        assertThat(result.detail()).contains("closed").contains("handshake");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aCleanCloseAfterTheHandshakeIsNotAReset(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.tlsThenCloseOnRequest(TestTls.jdkServerContext(HOST)));

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as("a FIN is not an RST: " + result.summary()).isEqualTo(Outcome.OTHER_ERROR);
        assertThat(result.detail()).contains("closed by the server before a complete response");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aClosedPortIsRefused(ClientTransport transport) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        ClientResult result = client(transport).fetch(request(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.REFUSED);
        assertThat(result.exitCode()).isEqualTo(13);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aServerThatSaysNothingIsATimeout(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.silent());
        long start = System.nanoTime();

        ClientResult result = client(transport).fetch(request(server).withTimeout(Duration.ofMillis(300)));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.exitCode()).isEqualTo(12);
        assertThat(result.detail()).contains("during the TLS handshake");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void aServerWithoutTlsIsATlsError(ClientTransport transport) throws Exception {
        InetSocketAddress server = loopback.start(LoopbackServerExtension.plainHttp());

        ClientResult result = client(transport).fetch(request(server));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.TLS_ERROR);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("transports")
    void anUnknownHostIsAnOtherError(ClientTransport transport) {
        ClientResult result = client(transport).fetch(ClientRequest.of("https://no-such-host.invalid/", LAB_CA));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.OTHER_ERROR);
        assertThat(result.detail()).contains("unknown host");
    }
}
