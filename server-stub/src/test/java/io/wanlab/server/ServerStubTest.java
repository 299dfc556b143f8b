package io.wanlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.server.ca.TlsVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerStubTest {
    private static final String HOST = ServerStubConfig.LAB_NAME;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerStubExtension server = new ServerStubExtension();

    @Test
    void answersGetWithTheBannerTheSniAndTheProtocolAndReportsTheHandshake() throws Exception {
        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            TlsProbe.Response response = probe.get("/anything?x=1", HOST, true);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.hasHeader("content-type", "text/plain")).isTrue();
            assertThat(response.hasHeader("connection", "close")).isTrue();
            assertThat(response.body()).contains("wanlab server-stub", "sni: app.site-b.lab", "protocol: TLSv1.3",
                    "request: GET /anything?x=1");
            assertThat(probe.closedByServer()).as("Connection: close honoured").isTrue();
        }
        StubEvent.Handshake handshake = server.listener().await(StubEvent.Handshake.class, 1, WAIT).getFirst();
        assertThat(handshake.sni()).isEqualTo(HOST);
        assertThat(handshake.protocol()).isEqualTo("TLSv1.3");
        assertThat(handshake.cipher()).startsWith("TLS_");
        assertThat(handshake.peer().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.listener().await(StubEvent.Request.class, 1, WAIT))
                .containsExactly(new StubEvent.Request(handshake.peer(), "GET", "/anything?x=1", 200));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(TlsVersion.class)
    void servesAClientOfferingBothVersionsWhenConfiguredForOne(TlsVersion only) throws Exception {
        server.configure(c -> c.withVersions(Set.of(only)));

        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            assertThat(probe.get("/", HOST, true).body()).contains("protocol: " + only.protocolName());
            assertThat(probe.socket().getSession().getProtocol()).isEqualTo(only.protocolName());
        }
        assertThat(server.listener().await(StubEvent.Handshake.class, 1, WAIT).getFirst().protocol())
                .isEqualTo(only.protocolName());
    }

    @Test
    void refusesAVersionItWasNotConfiguredForAndSaysSo() throws Exception {
        server.configure(c -> c.withVersions(Set.of(TlsVersion.TLS_1_3)));

        assertThatThrownBy(() -> TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate(), "TLSv1.2"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.listener().await(StubEvent.HandshakeFailed.class, 1, WAIT)).hasSize(1);
        assertThat(server.listener().events(StubEvent.Handshake.class)).isEmpty();
    }

    @Test
    void certificateCoversExtraNames() throws Exception {
        server.configure(c -> c.withExtraNames(List.of("other.site-b.lab", "127.0.0.1")));

        try (TlsProbe probe = TlsProbe.connect(server.address(), "other.site-b.lab", ServerStubExtension.CA.certificate())) {
            assertThat(probe.get("/", "other.site-b.lab", true).body()).contains("sni: other.site-b.lab");
        }
    }

    @Test
    void keepsTheConnectionForKeepAliveRequestsAndHandlesHead() throws Exception {
        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            TlsProbe.Response first = probe.get("/one", HOST, false);
            probe.send("HEAD /two HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
            TlsProbe.Response head = probe.readHead();
            TlsProbe.Response last = probe.get("/three", HOST, true);

            assertThat(first.body()).contains("request: GET /one");
            assertThat(first.hasHeader("connection", "close")).isFalse();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.hasHeader("content-length", String.valueOf(first.body().length() + 1)))
                    .as("HEAD: the length its body would have (HEAD is one letter longer than GET), and no body,"
                            + " or the next response would not parse").isTrue();
            assertThat(last.body()).contains("request: GET /three");
            assertThat(probe.closedByServer()).isTrue();
        }
        assertThat(server.listener().await(StubEvent.Handshake.class, 1, WAIT)).as("one connection").hasSize(1);
        assertThat(server.listener().await(StubEvent.Request.class, 3, WAIT)).extracting(StubEvent.Request::uri)
                .containsExactly("/one", "/two", "/three");
    }

    @Test
    void otherMethodsGet405() throws Exception {
        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            probe.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
            TlsProbe.Response response = probe.read();

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.hasHeader("allow", "GET, HEAD")).isTrue();
        }
    }

    static List<Arguments> malformedRequests() {
        return List.of(
                Arguments.of("not HTTP", "GARBAGE\r\n\r\n", 400),
                Arguments.of("bad version", "GET / HTTP/9.x\r\n\r\n", 400),
                Arguments.of("header without colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
                Arguments.of("request line over 4 KiB", "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n", 400),
                Arguments.of("headers over 8 KiB", "GET / HTTP/1.1\r\nX: " + "b".repeat(9000) + "\r\n\r\n", 400),
                Arguments.of("body over the limit", "GET / HTTP/1.1\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n", 413),
                Arguments.of("bad content length", "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetAnErrorStatusAndTheStubKeepsServing(String name, String request, int status) throws Exception {
        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            probe.send(request);
            assertThat(probe.read().status()).isEqualTo(status);
            assertThat(probe.closedByServer()).as("an error closes the connection").isTrue();
        }
        assertStillServes();
    }

    static List<Arguments> garbage() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 0x47;
        return List.of(
                Arguments.of("random bytes", random),
                Arguments.of("plain HTTP", "GET / HTTP/1.1\r\nHost: app.site-b.lab\r\n\r\n".getBytes()),
                Arguments.of("one byte", new byte[] {0x16}),
                Arguments.of("TLS header claiming 16 MB", new byte[] {0x16, 0x03, 0x01, (byte) 0xff, (byte) 0xff, 1, 2, 3}),
                Arguments.of("handshake record of zeros", new byte[] {0x16, 0x03, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                Arguments.of("nothing", new byte[0]));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("garbage")
    void garbageBeforeTheHandshakeIsAReportedFailureNotACrash(String name, byte[] bytes) throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(server.address(), 2000);
            raw.setSoTimeout(5000);
            OutputStream out = raw.getOutputStream();
            out.write(bytes);
            out.flush();
            raw.shutdownOutput();
            assertThat(drainUntilClosed(raw.getInputStream())).as("the stub closes the connection").isTrue();
        }
        assertThat(server.listener().await(StubEvent.HandshakeFailed.class, 1, WAIT)).hasSize(1);
        assertStillServes();
    }

    @Test
    void aClientThatConnectsAndLeavesIsOneClearHandshakeFailure() throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(server.address(), 2000);
        }

        assertThat(server.listener().await(StubEvent.HandshakeFailed.class, 1, WAIT))
                .extracting(StubEvent.HandshakeFailed::reason).containsExactly("connection closed");
        Thread.sleep(100);
        assertThat(server.listener().events()).as("reported once, however Netty tells of it").hasSize(1);
    }

    @Test
    void closesAConnectionThatNeverSendsAClientHello() throws Exception {
        server.configure(c -> c.withHandshakeTimeout(Duration.ofMillis(300)));

        try (Socket raw = new Socket()) {
            raw.connect(server.address(), 2000);
            raw.setSoTimeout(5000);
            long start = System.nanoTime();
            assertThat(drainUntilClosed(raw.getInputStream())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(server.listener().await(StubEvent.HandshakeFailed.class, 1, WAIT).getFirst().reason())
                .containsIgnoringCase("timed out");
    }

    @Test
    void closesAnIdleKeepAliveConnection() throws Exception {
        server.configure(c -> c.withIdleTimeout(Duration.ofMillis(300)));

        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            assertThat(probe.get("/", HOST, false).status()).isEqualTo(200);
            assertThat(probe.closedByServer()).isTrue();
        }
    }

    @Test
    void startsOnceAndReportsABusyPortClearly() throws Exception {
        InetSocketAddress taken = server.address();
        assertThatThrownBy(() -> server.stub().start()).isInstanceOf(IllegalStateException.class);

        try (ServerStub second = new ServerStub(ServerStubConfig.defaults().withBind(taken), ServerStubExtension.CA, StubListener.NONE)) {
            assertThatThrownBy(second::start).isInstanceOf(IOException.class).hasMessageContaining(taken.toString());
        }
    }

    private void assertStillServes() throws Exception {
        try (TlsProbe probe = TlsProbe.connect(server.address(), HOST, ServerStubExtension.CA.certificate())) {
            assertThat(probe.get("/", HOST, true).status()).isEqualTo(200);
        }
    }

    /** Reads until end of stream; true if the peer closed (FIN or RST) before the socket timeout. */
    private static boolean drainUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // The stub may send an alert first; only the close matters.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
