package io.wanlab.server.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LabCaTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(KeyAlgorithm.class)
    void caIsASelfSignedSigningAuthorityNamedForTheRun(KeyAlgorithm algorithm) throws Exception {
        LabCa ca = LabCa.create("run-42", algorithm, Duration.ofDays(3), CLOCK);
        X509Certificate cert = ca.certificate();

        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=wanlab lab CA run-42");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).as("basicConstraints cA with path length 0").isZero();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo(algorithm == KeyAlgorithm.EC_P256 ? "EC" : "RSA");
        cert.verify(cert.getPublicKey());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @EnumSource(KeyAlgorithm.class)
    void leafIsAServerCertificateForItsNamesThatValidatesToTheCa(KeyAlgorithm algorithm) throws Exception {
        LabCa ca = LabCa.create("run-1", algorithm, Duration.ofDays(3), CLOCK);
        IssuedCertificate leaf = ca.issue(SubjectNames.of("app.site-b.lab", "198.18.2.10"), algorithm, Duration.ofDays(2));
        X509Certificate cert = leaf.certificate();

        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "app.site-b.lab"), List.of(7, "198.18.2.10"));
        assertThat(cert.getExtendedKeyUsage()).as("serverAuth").containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(leaf.chain()).containsExactly(cert, ca.certificate());
        assertValidatesTo(cert, ca.certificate(), NOW);
    }

    @Test
    void leafValidityStopsAtTheCaExpiry() {
        LabCa ca = LabCa.create("run-1", KeyAlgorithm.EC_P256, Duration.ofDays(1), CLOCK);
        IssuedCertificate leaf = ca.issue(SubjectNames.of("a.lab"), KeyAlgorithm.EC_P256, Duration.ofDays(30));

        assertThat(leaf.certificate().getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void eachLeafHasItsOwnSerial() {
        LabCa ca = LabCa.create("run-1");
        Set<Object> serials = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            serials.add(ca.issue(SubjectNames.of("a.lab")).certificate().getSerialNumber());
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> LabCa.create(" ")).hasMessageContaining("runId");
        assertThatThrownBy(() -> LabCa.create("r", KeyAlgorithm.EC_P256, Duration.ofSeconds(1), CLOCK))
                .hasMessageContaining("validity: PT1S");
        LabCa ca = LabCa.create("r");
        assertThatThrownBy(() -> ca.issue(SubjectNames.of("a.lab"), KeyAlgorithm.EC_P256, Duration.ofDays(10_000)))
                .hasMessageContaining("expected: 1 minute..825 days");
    }

    @Test
    void refusesToIssueOnceTheCaExpired() {
        LabCa young = LabCa.create("r", KeyAlgorithm.EC_P256, Duration.ofDays(1), CLOCK);
        LabCa old = LabCa.of(young.certificate(), young.privateKey(), Clock.offset(CLOCK, Duration.ofDays(2)));

        assertThatThrownBy(() -> old.issue(SubjectNames.of("a.lab")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void wrappingRefusesALeafAsCaAndAForeignKey() {
        LabCa ca = LabCa.create("r");
        IssuedCertificate leaf = ca.issue(SubjectNames.of("a.lab"));
        LabCa other = LabCa.create("other");

        assertThatThrownBy(() -> LabCa.of(leaf.certificate(), leaf.privateKey(), CLOCK))
                .hasMessageContaining("expected: a CA certificate");
        assertThatThrownBy(() -> LabCa.of(ca.certificate(), other.privateKey(), CLOCK))
                .hasMessageContaining("does not match");
        LabCa rsa = LabCa.create("rsa", KeyAlgorithm.RSA_2048, Duration.ofDays(1), CLOCK);
        assertThatThrownBy(() -> LabCa.of(ca.certificate(), rsa.privateKey(), CLOCK))
                .hasMessageContaining("expected: the certificate's EC key");
    }

    static void assertValidatesTo(X509Certificate leaf, X509Certificate ca, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
