package io.wanlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.server.ca.TlsVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerStubConfigTest {
    @Test
    void defaultsAreTheLabServer() {
        ServerStubConfig config = ServerStubConfig.defaults();

        assertThat(config.bind()).isEqualTo(new InetSocketAddress(ServerStubConfig.address("198.18.2.10", 443).getAddress(), 443));
        assertThat(config.serverNames()).containsExactly("app.site-b.lab");
        assertThat(config.versions()).containsExactlyInAnyOrder(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);
    }

    @Test
    void extraNamesFollowThePrimaryOnce() {
        ServerStubConfig config = ServerStubConfig.defaults().withExtraNames(List.of("198.18.2.10", "app.site-b.lab", "b.lab"));

        assertThat(config.serverNames()).containsExactly("app.site-b.lab", "198.18.2.10", "b.lab");
        assertThat(config.subjectNames().dnsNames()).containsExactly("app.site-b.lab", "b.lab");
    }

    @Test
    void refusesBadValuesNamingThem() {
        ServerStubConfig d = ServerStubConfig.defaults();
        assertThatThrownBy(() -> ServerStubConfig.address("app.site-b.lab", 443)).hasMessageContaining("IPv4 or IPv6 literal");
        assertThatThrownBy(() -> ServerStubConfig.address("127.0.0.1", 70000)).hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> d.withBind(InetSocketAddress.createUnresolved("x.lab", 1))).hasMessageContaining("bind");
        assertThatThrownBy(() -> d.withExtraNames(List.of("bad_name"))).hasMessageContaining("DNS name: 'bad_name'");
        assertThatThrownBy(() -> d.withVersions(Set.of())).hasMessageContaining("versions: none");
        assertThatThrownBy(() -> d.withHandshakeTimeout(Duration.ZERO)).hasMessageContaining("handshakeTimeout: PT0S");
        assertThatThrownBy(() -> d.withMaxRequestBytes(-1)).hasMessageContaining("maxRequestBytes: -1");
    }
}
