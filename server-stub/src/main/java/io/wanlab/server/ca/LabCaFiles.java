package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lab CA in a run folder: {@code ca.pem} (the certificate clients trust) and {@code ca-key.pem} (its PKCS#8
 * key, for another process of the same run that mints certificates, such as the PoP), plus leaf pairs
 * {@code NAME.pem} (leaf then CA) and {@code NAME-key.pem}.
 */
public final class LabCaFiles {
    public static final String CERTIFICATE_FILE = "ca.pem";
    public static final String KEY_FILE = "ca-key.pem";
    /** The PoP's TLS inspection CA (DESIGN 4.2): it mints what the proxy presents; the sites' servers use ca.pem's. */
    public static final String INSPECTION_CERTIFICATE_FILE = "inspection-ca.pem";
    public static final String INSPECTION_KEY_FILE = "inspection-ca-key.pem";
    /** What clients trust by default: both CAs, so inspection works and still shows by its issuer. */
    public static final String TRUST_FILE = "trust.pem";
    private static final Pattern BASE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private LabCaFiles() {
    }

    /** Where a CA or leaf certificate and its key were written. */
    public record Written(Path certificate, Path key) {
    }

    /** Writes {@code ca.pem} and {@code ca-key.pem} into the folder, which must exist. */
    public static Written write(LabCa ca, Path folder) throws IOException {
        requireNonNull(ca, "ca");
        Path certificate = requireFolder(folder).resolve(CERTIFICATE_FILE);
        Path key = folder.resolve(KEY_FILE);
        PemFiles.writePrivateKey(key, ca.privateKey());
        PemFiles.writeCertificates(certificate, ca.certificate());
        return new Written(certificate, key);
    }

    /** Writes the inspection CA ({@code inspection-ca.pem}, {@code inspection-ca-key.pem}) and {@code trust.pem} (both CAs). */
    public static Written writeInspection(LabCa inspection, LabCa sites, Path folder) throws IOException {
        requireNonNull(inspection, "inspection");
        requireNonNull(sites, "sites");
        Path certificate = requireFolder(folder).resolve(INSPECTION_CERTIFICATE_FILE);
        Path key = folder.resolve(INSPECTION_KEY_FILE);
        PemFiles.writePrivateKey(key, inspection.privateKey());
        PemFiles.writeCertificates(certificate, inspection.certificate());
        PemFiles.writeCertificates(folder.resolve(TRUST_FILE), sites.certificate(), inspection.certificate());
        return new Written(certificate, key);
    }

    /** Loads the inspection CA that {@link #writeInspection} left in the folder. */
    public static LabCa loadInspection(Path folder) throws IOException {
        requireFolder(folder);
        return load(folder.resolve(INSPECTION_CERTIFICATE_FILE), folder.resolve(INSPECTION_KEY_FILE));
    }

    /** Writes {@code BASENAME.pem} (the leaf, then its issuer) and {@code BASENAME-key.pem} into the folder. */
    public static Written writeLeaf(IssuedCertificate leaf, Path folder, String baseName) throws IOException {
        requireNonNull(leaf, "leaf");
        requireNonNull(baseName, "baseName");
        if (!BASE_NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("baseName: '" + baseName
                    + "' (expected: 1..64 of a-z 0-9 . _ -, starting with a letter or digit)");
        }
        Path certificate = requireFolder(folder).resolve(baseName + ".pem");
        Path key = folder.resolve(baseName + "-key.pem");
        PemFiles.writePrivateKey(key, leaf.privateKey());
        PemFiles.writeCertificates(certificate, leaf.chain().toArray(X509Certificate[]::new));
        return new Written(certificate, key);
    }

    /** Loads the CA that {@link #write} left in the folder. */
    public static LabCa load(Path folder) throws IOException {
        requireFolder(folder);
        return load(folder.resolve(CERTIFICATE_FILE), folder.resolve(KEY_FILE));
    }

    /**
     * Loads a CA from its certificate (the first in the file) and PKCS#8 key. Fails with a message naming the file
     * when either is missing or malformed, the certificate is not a CA, or the key is not the certificate's.
     */
    public static LabCa load(Path certificateFile, Path keyFile) throws IOException {
        requireNonNull(certificateFile, "certificateFile");
        requireNonNull(keyFile, "keyFile");
        List<X509Certificate> certificates = PemFiles.readCertificates(certificateFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        try {
            return LabCa.of(certificates.getFirst(), key, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IOException(certificateFile + " with " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static Path requireFolder(Path folder) throws IOException {
        requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder (expected: an existing run folder)");
        }
        return folder;
    }
}
