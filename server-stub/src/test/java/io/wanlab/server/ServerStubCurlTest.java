package io.wanlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.server.ca.LabCaFiles;
import io.wanlab.server.ca.TlsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** curl, an independent client on OpenSSL, against the stub with nothing but ca.pem and --resolve. */
class ServerStubCurlTest {
    @RegisterExtension
    final ServerStubExtension server = new ServerStubExtension();

    @TempDir
    Path run;

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(TlsVersion.class)
    void curlTrustingOnlyCaPemGetsTheBanner(TlsVersion version) throws Exception {
        server.configure(c -> c.withVersions(Set.of(version)));
        Path caPem = LabCaFiles.write(ServerStubExtension.CA, run).certificate();
        int port = server.address().getPort();

        Result curl = curl("-sS", "--max-time", "10", "--cacert", caPem.toString(),
                "--resolve", "app.site-b.lab:" + port + ":127.0.0.1", "https://app.site-b.lab:" + port + "/from-curl");

        assertThat(curl.exit()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("wanlab server-stub", "sni: app.site-b.lab",
                "protocol: " + version.protocolName(), "request: GET /from-curl");
        assertThat(server.listener().await(StubEvent.Handshake.class, 1, java.time.Duration.ofSeconds(5)).getFirst().alpn())
                .as("curl offers h2 and http/1.1; the stub picks http/1.1").isEqualTo("http/1.1");
    }

    @Test
    void curlTrustingAnotherRunsCaRefusesTheStub() throws Exception {
        int port = server.address().getPort();
        Path otherCa = LabCaFiles.write(io.wanlab.server.ca.LabCa.create("other-run"), run).certificate();

        Result curl = curl("-sS", "--max-time", "10", "--cacert", otherCa.toString(),
                "--resolve", "app.site-b.lab:" + port + ":127.0.0.1", "https://app.site-b.lab:" + port + "/");

        assertThat(curl.exit()).as("60: peer certificate cannot be authenticated; " + curl.output()).isEqualTo(60);
    }

    private record Result(int exit, String output) {
    }

    private static Result curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("curl is not installed: " + e.getMessage());
            throw e;
        }
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("curl ended").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
