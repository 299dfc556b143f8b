package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReproClientIssuerTest {
    @Test
    void curlsVerboseOutputNamesTheIssuer() {
        String stderr = """
                * SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
                * Server certificate:
                *  subject: O=wanlab; CN=crm.site-b.lab
                *  issuer: O=wanlab; CN=wanlab inspection CA fb2
                *  SSL certificate verify ok.
                """;
        assertThat(ReproClient.Curl.issuer(stderr)).isEqualTo("O=wanlab; CN=wanlab inspection CA fb2");
        assertThat(ReproClient.commonName("O=wanlab; CN=wanlab inspection CA fb2")).isEqualTo("wanlab inspection CA fb2");
        assertThat(ReproClient.commonName("CN=wanlab lab CA fb2,O=wanlab")).as("the JDK's order").isEqualTo("wanlab lab CA fb2");
    }

    @Test
    void curlsErrorLineIsTheDetailNotItsVerboseOutput() {
        String stderr = "* Trying 198.18.2.10:443...\n* Connected\ncurl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here\n";
        assertThat(ReproClient.Curl.error(stderr)).isEqualTo("curl: (60) SSL certificate problem: unable to get local issuer certificate");
        assertThat(ReproClient.Curl.issuer(stderr)).as("a failed handshake shows none").isEmpty();
    }
}
