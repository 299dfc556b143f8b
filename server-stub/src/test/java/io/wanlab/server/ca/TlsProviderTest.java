package io.wanlab.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsProviderTest {
    private static final LabCa CA = LabCa.create("provider");

    @Test
    void autoTakesOpenSslWhenItLoadsAndTheJdkOtherwise() {
        assertThat(TlsProvider.resolve(null, null, true, null)).isEqualTo(TlsProvider.OPENSSL);
        assertThat(TlsProvider.resolve(null, " AUTO ", false, new UnsatisfiedLinkError("no lib"))).isEqualTo(TlsProvider.JDK);
    }

    @Test
    void thePropertyWinsOverTheEnvironment() {
        assertThat(TlsProvider.resolve("jdk", "openssl", true, null)).isEqualTo(TlsProvider.JDK);
        assertThat(TlsProvider.resolve("", "jdk", true, null)).as("a blank property is unset").isEqualTo(TlsProvider.JDK);
    }

    @Test
    void forcedOpenSslThatCannotLoadAndUnknownWordsAreClearErrors() {
        assertThatThrownBy(() -> TlsProvider.resolve(null, "openssl", false, new UnsatisfiedLinkError("no libnetty_tcnative")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WANLAB_TLS_PROVIDER=openssl, but OpenSSL (netty-tcnative) does not load here: no libnetty_tcnative (use jdk or auto)");
        assertThatThrownBy(() -> TlsProvider.resolve("boring", null, true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dwanlab.tls.provider: 'boring' (expected: auto, jdk or openssl)");
        assertThatThrownBy(() -> TlsProvider.fromLabel("gnutls")).hasMessage("TLS provider: 'gnutls' (expected: jdk or openssl)");
        assertThat(TlsProvider.fromLabel(" OpenSSL")).isEqualTo(TlsProvider.OPENSSL);
    }

    @Test
    void openSslLoadsFromTheDependency() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative-boringssl-static for this platform: %s", OpenSsl.unavailabilityCause()).isTrue();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(TlsProvider.class)
    void eachProviderServesTheLabLeafOverEachVersion(TlsProvider provider) throws Exception {
        IssuedCertificate leaf = CA.issue(SubjectNames.of(List.of("app.site-b.lab")));
        for (TlsVersion version : TlsVersion.values()) {
            SslContext server = TlsContexts.server(leaf, Set.of(version), provider);
            assertThat(server.newEngine(ByteBufAllocator.DEFAULT).getClass().getName())
                    .contains(provider == TlsProvider.JDK ? "Jdk" : "OpenSsl");
            X509Certificate served = EmbeddedTls.servedCertificate(server, CA.certificate(), "app.site-b.lab");
            assertThat(served.getIssuerX500Principal()).isEqualTo(CA.certificate().getSubjectX500Principal());
            assertThat(served.getSubjectAlternativeNames()).containsExactly(List.of(2, "app.site-b.lab"));
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(TlsProvider.class)
    void eachProviderAsAClientRefusesALeafOfAnotherCa(TlsProvider provider) throws Exception {
        LabCa other = LabCa.create("other");
        SslContext client = TlsContexts.client(List.of(CA.certificate()), TlsVersion.ALL, provider);
        SslContext server = TlsContexts.server(other.issue(SubjectNames.of(List.of("app.site-b.lab"))), TlsVersion.ALL, provider);
        assertThatThrownBy(() -> EmbeddedTls.handshake(client.newHandler(ByteBufAllocator.DEFAULT, "app.site-b.lab", 443),
                server.newHandler(ByteBufAllocator.DEFAULT)))
                .hasStackTraceContaining("PKIX path building failed");
        SslHandler ok = TlsContexts.client(List.of(CA.certificate()), TlsVersion.ALL, provider)
                .newHandler(ByteBufAllocator.DEFAULT, "app.site-b.lab", 443);
        EmbeddedTls.handshake(ok, TlsContexts.server(CA.issue(SubjectNames.of(List.of("app.site-b.lab"))), TlsVersion.ALL, provider)
                .newHandler(ByteBufAllocator.DEFAULT));
    }
}
