package io.wanlab.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabCaFilesTest {
    private static final LabCa CA = LabCa.create("files");
    private static final LabCa OTHER = LabCa.create("other");

    @TempDir
    Path run;

    @Test
    void caRoundTripsThroughPemFilesAndIssuesLeavesTheOriginalTrusts() throws Exception {
        LabCaFiles.Written written = LabCaFiles.write(CA, run);

        LabCa loaded = LabCaFiles.load(run);
        IssuedCertificate leaf = loaded.issue(SubjectNames.of("app.site-b.lab"));

        assertThat(written.certificate()).isEqualTo(run.resolve("ca.pem"));
        assertThat(Files.readString(written.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(written.key())).as("PKCS#8, not a traditional key").startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(loaded.certificate()).isEqualTo(CA.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(CA.privateKey().getEncoded());
        LabCaTest.assertValidatesTo(leaf.certificate(), CA.certificate(), Instant.now());
    }

    @Test
    void keyFileIsOwnerOnlyAndCertificateIsWorldReadable() throws IOException {
        LabCaFiles.Written written = LabCaFiles.write(CA, run);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.key()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.certificate()))).isEqualTo("rw-r--r--");
        try (var files = Files.list(run)) {
            assertThat(files).as("no temporary file left behind").hasSize(2);
        }
    }

    @Test
    void leafPairHoldsTheChainAndItsKey() throws IOException {
        IssuedCertificate leaf = CA.issue(SubjectNames.of("app.site-b.lab"));

        LabCaFiles.Written written = LabCaFiles.writeLeaf(leaf, run, "server");

        assertThat(PemFiles.readCertificates(written.certificate())).containsExactly(leaf.certificate(), CA.certificate());
        assertThat(PemFiles.readPrivateKey(written.key()).getEncoded()).isEqualTo(leaf.privateKey().getEncoded());
        assertThat(written.key()).hasFileName("server-key.pem");
        assertThatThrownBy(() -> LabCaFiles.writeLeaf(leaf, run, "../evil")).hasMessageContaining("baseName");
    }

    @Test
    void readsKeysThatOpenSslWroteInItsTraditionalForm() throws Exception {
        LabCaFiles.write(CA, run);
        Path sec1 = run.resolve("ca-key-sec1.pem");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "ec", "-in", run.resolve("ca-key.pem").toString(), "-out", sec1.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("openssl is not installed: " + e.getMessage());
            return;
        }
        assertThat(openssl.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        var loaded = (java.security.interfaces.ECPrivateKey) LabCaFiles.load(run.resolve("ca.pem"), sec1).privateKey();
        assertThat(loaded.getS()).as("the same secret, whatever the encoding")
                .isEqualTo(((java.security.interfaces.ECPrivateKey) CA.privateKey()).getS());
    }

    static Iterable<Arguments> brokenFiles() {
        String caPem = PemFiles.toPem(CA.certificate());
        String keyPem = PemFiles.toPem(CA.privateKey());
        String leafPem = PemFiles.toPem(CA.issue(SubjectNames.of("a.lab")).certificate());
        return java.util.List.of(
                broken("empty certificate file", "", keyPem, "no CERTIFICATE block"),
                broken("text instead of PEM", "hello\nworld\n", keyPem, "no CERTIFICATE block"),
                broken("bad base64", "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n", keyPem, "malformed PEM"),
                broken("truncated certificate", caPem.substring(0, caPem.length() / 2) + "\n-----END CERTIFICATE-----\n", keyPem, ""),
                broken("missing END line", caPem.replace("-----END CERTIFICATE-----", ""), keyPem, "malformed PEM"),
                broken("empty key file", caPem, "", "no PRIVATE KEY block"),
                broken("certificate in the key file", caPem, caPem, "no PRIVATE KEY block"),
                broken("key of another CA", caPem, PemFiles.toPem(OTHER.privateKey()), "does not match"),
                broken("leaf instead of CA", leafPem, keyPem, "expected: a CA certificate"),
                broken("encrypted key", caPem, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                        + keyPem.lines().filter(l -> !l.startsWith("-----")).reduce("", (a, b) -> a + b + "\n")
                        + "-----END ENCRYPTED PRIVATE KEY-----\n", ""),
                broken("binary garbage", "\u0000\u0001\u00ff\u0030\u0082", keyPem, "no CERTIFICATE block"));
    }

    private static Arguments broken(String name, String certificate, String key, String message) {
        return Arguments.of(name, certificate, key, message);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("brokenFiles")
    void loadingBrokenFilesFailsWithAnIoErrorNamingTheFile(String name, String certificate, String key, String message)
            throws IOException {
        Files.writeString(run.resolve("ca.pem"), certificate, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.writeString(run.resolve("ca-key.pem"), key);

        assertThatThrownBy(() -> LabCaFiles.load(run))
                .as("a clear IOException, never an unchecked Bouncy Castle error")
                .isInstanceOf(IOException.class)
                .hasMessageContaining(run.toString())
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnOversizedFileWithoutReadingIt() throws IOException {
        Path big = run.resolve("ca.pem");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) PemFiles.MAX_FILE_BYTES + 1]);
        }
        Files.writeString(run.resolve("ca-key.pem"), PemFiles.toPem(CA.privateKey()));

        assertThatThrownBy(() -> LabCaFiles.load(run)).isInstanceOf(IOException.class).hasMessageContaining("at most");
    }

    @Test
    void missingFolderOrFilesAreClearErrors() {
        assertThatThrownBy(() -> LabCaFiles.load(run.resolve("nope"))).hasMessageContaining("not a folder");
        assertThatThrownBy(() -> LabCaFiles.load(run)).isInstanceOf(IOException.class).hasMessageContaining("ca.pem");
        assertThatThrownBy(() -> LabCaFiles.write(CA, run.resolve("nope"))).hasMessageContaining("not a folder");
        assertThatThrownBy(() -> PemFiles.readCertificates(run)).isInstanceOf(IOException.class)
                .hasMessageContaining(run + ": unreadable");
    }
}
