package io.wanlab.core.appid;

import static io.wanlab.core.appid.ApplicationCatalogTest.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.wanlab.core.appid.Identified.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A parser that stops advancing would hang; the timeout turns that into a failure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AppIdentifierTest {
    private static final ApplicationCatalog CATALOG = new ApplicationCatalog(List.of(
            app("site-b-app", "business", "app.site-b.lab"),
            app("lab-web", "web", "*.lab")));

    private static Identification identify(List<byte[]> segments) {
        return Segments.last(new AppIdentifier(CATALOG)::offer, segments);
    }

    @Test
    void identifiesTlsFlowByItsSni() {
        byte[] hello = JdkClientHellos.clientHello("app.site-b.lab", "h2", "http/1.1");
        List<Identification> results = Segments.offerAll(new AppIdentifier(CATALOG)::offer, Segments.split(hello, 100));
        assertThat(results).containsExactly(NotYet.INSTANCE,
                new Identified(Kind.TLS, "app.site-b.lab", List.of("h2", "http/1.1"), "site-b-app", "business"));
    }

    @Test
    void identifiesHttpFlowByItsHost() {
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: www.site-a.lab:8080\r\n\r\n");
        assertThat(identify(Segments.chunks(request, 5)))
                .as("the wildcard *.lab catches a name no exact entry has")
                .isEqualTo(new Identified(Kind.HTTP, "www.site-a.lab", List.of(), "lab-web", "web"));
    }

    @Test
    void identifiedNameOutsideTheCatalogHasNoApplication() {
        byte[] hello = JdkClientHellos.clientHello("www.example.com", "http/1.1");
        assertThat(identify(Segments.whole(hello)))
                .isEqualTo(new Identified(Kind.TLS, "www.example.com", List.of("http/1.1"), null, null));
    }

    @Test
    void clientHelloWithoutSniHasNoApplication() {
        byte[] hello = new ClientHelloBuilder().alpn("h2").records();
        assertThat(identify(Segments.whole(hello))).isEqualTo(new Identified(Kind.TLS, null, List.of("h2"), null, null));
    }

    @Test
    void givesUpAtOnceOnOtherProtocols() {
        assertThat(identify(Segments.whole(ascii("S"))))
                .as("one byte of an SSH banner is enough")
                .isEqualTo(new GaveUp("not TLS or HTTP: first byte 0x53"));
        assertThat(identify(Segments.whole(new byte[] {0, 0, 0, 0}))).isEqualTo(new GaveUp("not TLS or HTTP: first byte 0x00"));
        assertThat(identify(Segments.whole(new byte[] {(byte) 0x80, 0x2e, 1}))).isEqualTo(new GaveUp("not TLS or HTTP: first byte 0x80"));
        assertThat(identify(Segments.whole(ascii("HELO x\r\n"))))
                .isEqualTo(new GaveUp("not an http request: unknown method (byte 0x4c at index 2)"));
        assertThat(identify(Segments.whole(new byte[] {22, 2, 0})))
                .as("a TLS-looking first byte still has to be followed by a TLS version")
                .isEqualTo(new GaveUp("record version 0x0200 (expected: 0x0301..0x0304)"));
    }

    @Test
    void emptySegmentsChangeNothing() {
        AppIdentifier identifier = new AppIdentifier(CATALOG);
        assertThat(Segments.offerOne(identifier::offer, new byte[0])).isSameAs(NotYet.INSTANCE);
        assertThat(identifier.result()).isSameAs(NotYet.INSTANCE);
        assertThat(Segments.offerOne(identifier::offer, ascii("GET / HTTP/1.1\r\nHost: app.site-b.lab\r\n")))
                .isEqualTo(new Identified(Kind.HTTP, "app.site-b.lab", List.of(), "site-b-app", "business"));
    }

    @Test
    void finalResultIsKeptWhateverFollows() {
        AppIdentifier identifier = new AppIdentifier(CATALOG);
        Identification first = Segments.offerOne(identifier::offer, JdkClientHellos.clientHello("app.site-b.lab"));
        assertThat(first).isInstanceOf(Identified.class);
        assertThat(Segments.offerOne(identifier::offer, ascii("GET / HTTP/1.1\r\nHost: other.lab\r\n"))).isSameAs(first);
        assertThat(identifier.result()).isSameAs(first);

        AppIdentifier refused = new AppIdentifier(CATALOG);
        Identification gaveUp = Segments.offerOne(refused::offer, ascii("SSH-2.0-OpenSSH_9.6\r\n"));
        assertThat(Segments.offerOne(refused::offer, JdkClientHellos.clientHello("app.site-b.lab"))).isSameAs(gaveUp);
        assertThat(gaveUp.isFinal()).isTrue();
        assertThat(NotYet.INSTANCE.isFinal()).isFalse();
    }

    @Test
    void refusesNulls() {
        assertThatNullPointerException().isThrownBy(() -> new AppIdentifier(null)).withMessage("catalog");
        assertThatNullPointerException().isThrownBy(() -> new AppIdentifier(CATALOG).offer(null)).withMessage("segment");
        assertThatNullPointerException().isThrownBy(() -> new ApplicationCatalog(null)).withMessage("applications");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
