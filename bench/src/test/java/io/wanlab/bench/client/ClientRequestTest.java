package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRequestTest {
    private static final List<java.security.cert.X509Certificate> CA = List.of(TestTls.CA.certificate());

    @Test
    void derivesTargetHostHeaderAndPortFromTheUrl() {
        ClientRequest plain = ClientRequest.of("https://App.Site-B.lab", CA);
        ClientRequest full = ClientRequest.of("https://app.site-b.lab:8443/a/b?c=d#frag", CA);
        ClientRequest v6 = ClientRequest.of("https://[::1]:8443/", CA);

        assertThat(plain.host()).isEqualTo("app.site-b.lab");
        assertThat(plain.port()).isEqualTo(443);
        assertThat(plain.target()).isEqualTo("/");
        assertThat(plain.hostHeader()).isEqualTo("app.site-b.lab");
        assertThat(full.target()).isEqualTo("/a/b?c=d");
        assertThat(full.hostHeader()).isEqualTo("app.site-b.lab:8443");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.hostHeader()).isEqualTo("[::1]:8443");
    }

    @Test
    void resolveSetsTheConnectAddressOnlyForTheUrlsHostAndPort() {
        ClientRequest request = ClientRequest.of("https://app.site-b.lab/", CA)
                .withResolve(ResolveOverride.parse("APP.site-b.lab:443:198.18.2.10"));

        assertThat(request.connectAddress()).get().extracting(a -> a.getHostAddress()).isEqualTo("198.18.2.10");
        assertThatThrownBy(() -> request.withResolve(ResolveOverride.parse("app.site-b.lab:8443:198.18.2.10")))
                .hasMessageContaining("does not match the URL's app.site-b.lab:443");
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @ValueSource(strings = {"http://app.site-b.lab/", "app.site-b.lab", "https:///path", "https://a b/", "ftp://x/", ""})
    void refusesWhatIsNotAnHttpsUrl(String url) {
        assertThatThrownBy(() -> ClientRequest.of(url, CA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url: '" + url + "'");
    }

    @Test
    void refusesBadTimeoutsAndNoTrust() {
        ClientRequest request = ClientRequest.of("https://a.lab/", CA);
        assertThatThrownBy(() -> request.withTimeout(Duration.ZERO)).hasMessageContaining("timeout: PT0S");
        assertThatThrownBy(() -> request.withConnectTimeout(Duration.ofHours(2))).hasMessageContaining("connectTimeout: PT2H");
        assertThatThrownBy(() -> ClientRequest.of("https://a.lab/", List.of())).hasMessageContaining("trusted: none");
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "app.site-b.lab:443:198.18.2.10|app.site-b.lab|443|198.18.2.10",
            "app.site-b.lab:8443:[::1]|app.site-b.lab|8443|0:0:0:0:0:0:0:1",
            "localhost:1:127.0.0.1|localhost|1|127.0.0.1"})
    void parsesResolveEntries(String text, String host, int port, String address) {
        ResolveOverride resolve = ResolveOverride.parse(text);

        assertThat(resolve.host()).isEqualTo(host);
        assertThat(resolve.port()).isEqualTo(port);
        assertThat(resolve.address().getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @ValueSource(strings = {"", "app.site-b.lab", "app.site-b.lab:443", ":443:1.2.3.4", "app:x:1.2.3.4",
            "app:0:1.2.3.4", "app:70000:1.2.3.4", "app:443:server.lab", "app:443:", "app:443:1.2.3.4.5"})
    void refusesMalformedResolveEntries(String text) {
        assertThatThrownBy(() -> ResolveOverride.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolve");
    }
}
