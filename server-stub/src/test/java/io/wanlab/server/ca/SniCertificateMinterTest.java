package io.wanlab.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SniCertificateMinterTest {
    private static final LabCa CA = LabCa.create("minter");

    @Test
    void mintsACertificateForTheSniAndCachesIt() throws Exception {
        SniCertificateMinter minter = new SniCertificateMinter(CA, "app.site-b.lab", TlsVersion.ALL, 16);

        SslContext first = minter.mint("Other.Site-B.lab");
        SslContext again = minter.map("other.site-b.lab");

        assertThat(again).as("one lookup for a name seen before").isSameAs(first);
        assertThat(minter.size()).isEqualTo(1);
        assertThat(served(first, "other.site-b.lab").getSubjectAlternativeNames()).containsExactly(List.of(2, "other.site-b.lab"));
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @NullSource
    @ValueSource(strings = {"", "198.18.2.10", "bad_name.lab", "*.site-b.lab", "x\u0000y"})
    void missingOrMalformedSniGetsTheFallbackName(String sni) throws Exception {
        SniCertificateMinter minter = new SniCertificateMinter(CA, "app.site-b.lab", TlsVersion.ALL, 16);

        assertThat(minter.mint(sni)).as("the fallback name's cached context")
                .isSameAs(minter.mint("app.site-b.lab"));
        assertThat(served(minter.mint(sni), "any.lab").getSubjectAlternativeNames()).containsExactly(List.of(2, "app.site-b.lab"));
    }

    @Test
    void countsCacheHitsMintsAndTheirTime() {
        SniCertificateMinter minter = new SniCertificateMinter(CA, "app.site-b.lab", TlsVersion.ALL, 16);
        minter.mint("a.lab");
        minter.mint("a.lab");
        minter.mint("A.lab");
        minter.mint("b.lab");

        SniCertificateMinter.Stats stats = minter.stats();
        assertThat(stats.mints()).isEqualTo(2);
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.mintNanos()).isPositive();
        assertThat(minter.provider()).isEqualTo(TlsProvider.current());
    }

    @Test
    void evictsTheLeastRecentlyUsedNameBeyondCapacity() {
        SniCertificateMinter minter = new SniCertificateMinter(CA, "app.site-b.lab", TlsVersion.ALL, 2);
        SslContext a = minter.mint("a.lab");
        minter.mint("b.lab");
        minter.mint("a.lab");
        minter.mint("c.lab");

        assertThat(minter.size()).isEqualTo(2);
        assertThat(minter.mint("a.lab")).as("a was used after b, so b went").isSameAs(a);
    }

    @Test
    void refusesBadConfiguration() {
        assertThatThrownBy(() -> new SniCertificateMinter(CA, "bad_name", TlsVersion.ALL, 1)).hasMessageContaining("fallbackName");
        assertThatThrownBy(() -> new SniCertificateMinter(CA, "a.lab", java.util.Set.of(), 1)).hasMessageContaining("TLS versions");
        assertThatThrownBy(() -> new SniCertificateMinter(CA, "a.lab", TlsVersion.ALL, 0)).hasMessageContaining("capacity");
    }

    private static X509Certificate served(SslContext context, String sni) throws Exception {
        return EmbeddedTls.servedCertificate(context, CA.certificate(), sni);
    }
}
