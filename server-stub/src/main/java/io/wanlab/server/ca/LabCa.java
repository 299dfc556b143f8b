package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's certificate authority: one per run, created fresh or loaded from PEM files (see {@link LabCaFiles}),
 * issuing server leaf certificates. Bouncy Castle only builds and signs; keys, signatures and the resulting
 * certificates use the JDK's own providers, so nothing is registered globally.
 *
 * <p>Thread-safe: the state is immutable and each {@link #issue} builds its own certificate.
 */
public final class LabCa {
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3);
    public static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(2);
    /** Certificates start this long before "now" so clocks a little behind still accept them. */
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final String ORGANIZATION = "wanlab";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final KeyAlgorithm algorithm;
    private final Clock clock;
    private final SecureRandom random;

    private LabCa(X509Certificate certificate, PrivateKey privateKey, Clock clock, SecureRandom random) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.algorithm = KeyAlgorithm.of(certificate.getPublicKey());
        this.clock = clock;
        this.random = random;
    }

    /** A fresh EC P-256 CA named "wanlab lab CA {runId}", valid for {@link #DEFAULT_CA_VALIDITY}. */
    public static LabCa create(String runId) {
        return create(runId, KeyAlgorithm.EC_P256, DEFAULT_CA_VALIDITY, Clock.systemUTC());
    }

    /**
     * The PoP's TLS inspection CA for a run: a CA of its own, not the sites', so a client can tell an
     * inspected connection by its issuer and fails, as with the product, when it does not trust it.
     */
    public static LabCa createInspection(String runId) {
        return create(runId, "wanlab inspection CA ", KeyAlgorithm.EC_P256, DEFAULT_CA_VALIDITY, Clock.systemUTC());
    }

    public static LabCa create(String runId, KeyAlgorithm algorithm, Duration validity, Clock clock) {
        return create(runId, "wanlab lab CA ", algorithm, validity, clock);
    }

    private static LabCa create(String runId, String namePrefix, KeyAlgorithm algorithm, Duration validity, Clock clock) {
        requireNonNull(runId, "runId");
        requireNonNull(algorithm, "algorithm");
        requireNonNull(validity, "validity");
        requireNonNull(clock, "clock");
        if (runId.isBlank() || runId.length() > 64) {
            throw new IllegalArgumentException("runId: '" + runId + "' (expected: 1..64 characters, not blank)");
        }
        requireValidity(validity);
        SecureRandom random = new SecureRandom();
        KeyPair keys = algorithm.generate(random);
        Instant now = clock.instant();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, namePrefix + runId)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate(), algorithm);
            return new LabCa(certificate, keys.getPrivate(), clock, random);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("creating the lab CA for run " + runId + " failed", e);
        }
    }

    /**
     * Wraps an existing CA certificate and its key (as loaded by {@link LabCaFiles#load}). The certificate must be a
     * CA (basicConstraints cA) allowed to sign certificates, and the key must be its key.
     */
    public static LabCa of(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(clock, "clock");
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("CA certificate " + certificate.getSubjectX500Principal()
                    + ": basicConstraints cA is false (expected: a CA certificate)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length <= 5 || !usage[5])) {
            throw new IllegalArgumentException("CA certificate " + certificate.getSubjectX500Principal()
                    + ": keyUsage lacks keyCertSign (expected: a CA that may sign certificates)");
        }
        KeyPairCheck.requireMatch(certificate.getPublicKey(), privateKey);
        return new LabCa(certificate, privateKey, clock, new SecureRandom());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** A leaf for the names with a fresh EC P-256 key, valid from now-1h for {@link #DEFAULT_LEAF_VALIDITY}. */
    public IssuedCertificate issue(SubjectNames names) {
        return issue(names, KeyAlgorithm.EC_P256, DEFAULT_LEAF_VALIDITY);
    }

    public IssuedCertificate issue(SubjectNames names, KeyAlgorithm keyAlgorithm, Duration validity) {
        requireNonNull(keyAlgorithm, "keyAlgorithm");
        return issue(names, keyAlgorithm.generate(random), validity);
    }

    /**
     * A leaf for the names with the given key pair (a minter reuses one key for every name it mints). The
     * validity is cut at the CA's own expiry: a leaf that outlives its issuer only confuses clients.
     */
    public IssuedCertificate issue(SubjectNames names, KeyPair keys, Duration validity) {
        requireNonNull(names, "names");
        requireNonNull(keys, "keys");
        requireNonNull(validity, "validity");
        requireValidity(validity);
        Instant now = clock.instant();
        Instant notBefore = now.minus(BACKDATE);
        if (notBefore.isBefore(certificate.getNotBefore().toInstant())) {
            notBefore = certificate.getNotBefore().toInstant();
        }
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        if (!notAfter.isAfter(now)) {
            throw new IllegalStateException("lab CA " + certificate.getSubjectX500Principal() + " expired at "
                    + caNotAfter + " (expected: a CA valid now, " + now + "); create a new one");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, names.primary())
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            int keyUsage = KeyUsage.digitalSignature
                    | (keys.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new IssuedCertificate(sign(builder, privateKey, algorithm), keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("issuing a certificate for " + names + " failed", e);
        }
    }

    /** A fresh key pair of the given type, for callers that issue many leaves with one key. */
    public KeyPair newKeyPair(KeyAlgorithm keyAlgorithm) {
        return requireNonNull(keyAlgorithm, "keyAlgorithm").generate(random);
    }

    private static GeneralNames alternativeNames(SubjectNames names) {
        List<GeneralName> all = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            all.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            all.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, KeyAlgorithm algorithm)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("signer " + algorithm.signatureAlgorithm() + " unavailable", e);
        }
    }

    /** Positive 127-bit serials: unique per certificate without any state, and within RFC 5280's 20 octets. */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(0);
    }

    private static void requireValidity(Duration validity) {
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofDays(825)) > 0) {
            throw new IllegalArgumentException("validity: " + validity + " (expected: 1 minute..825 days)");
        }
    }

    @Override
    public String toString() {
        return "LabCa[" + certificate.getSubjectX500Principal() + ", until " + certificate.getNotAfter().toInstant() + "]";
    }
}
