package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text for certificates ("CERTIFICATE") and private keys (unencrypted PKCS#8 "PRIVATE KEY"; reading also
 * takes OpenSSL's traditional "EC/RSA PRIVATE KEY"). Files are size-capped on read and written atomically, keys
 * owner-readable only, so another process never sees half a file.
 */
public final class PemFiles {
    /** A CA bundle of a few certificates is a few KiB; anything near this is not a PEM file for the lab. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    private PemFiles() {
    }

    public static String toPem(X509Certificate... certificates) {
        requireNonNull(certificates, "certificates");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(requireNonNull(certificate, "certificate"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding of a certificate failed", e);
        }
        return text.toString();
    }

    public static String toPem(PrivateKey key) {
        requireNonNull(key, "key");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalStateException("PKCS#8 PEM encoding of a " + key.getAlgorithm() + " key failed", e);
        }
        return text.toString();
    }

    public static void writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        writeAtomically(requireNonNull(file, "file"), toPem(certificates), false);
    }

    /** Writes the key as PKCS#8 PEM, readable by its owner only where the file system has POSIX permissions. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        writeAtomically(requireNonNull(file, "file"), toPem(key), true);
    }

    /** Every certificate in the file, in order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(read(file), file.toString());
    }

    /** The first private key in the file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(read(file), file.toString());
    }

    /** Certificates from PEM text; {@code source} names the text in error messages. */
    public static List<X509Certificate> parseCertificates(String pem, String source) throws IOException {
        requireNonNull(pem, "pem");
        requireNonNull(source, "source");
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : objects(pem, source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IOException(source + ": unreadable certificate (" + e.getMessage() + ")", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException(source + ": no CERTIFICATE block (expected: a PEM certificate)");
        }
        return List.copyOf(certificates);
    }

    public static PrivateKey parsePrivateKey(String pem, String source) throws IOException {
        requireNonNull(pem, "pem");
        requireNonNull(source, "source");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : objects(pem, source)) {
            try {
                switch (object) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        // SEC1 keys may omit the public half; the private key info alone is enough.
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(source);
                    case PEMEncryptedKeyPair ignored -> throw encrypted(source);
                    default -> {
                        // Certificates or EC PARAMETERS next to the key are fine; keep looking.
                    }
                }
            } catch (org.bouncycastle.openssl.PEMException | RuntimeException e) {
                throw new IOException(source + ": unreadable private key (" + e.getMessage() + ")", e);
            }
        }
        throw new IOException(source + ": no PRIVATE KEY block (expected: an unencrypted PKCS#8 PEM key)");
    }

    private static IOException encrypted(String source) {
        return new IOException(source + ": the private key is encrypted (expected: an unencrypted PKCS#8 PEM key)");
    }

    private static List<Object> objects(String pem, String source) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports bad base64 or DER as unchecked exceptions; a bad file is the caller's input error.
            throw new IOException(source + ": malformed PEM (" + e.getMessage() + ")", e);
        }
        return objects;
    }

    private static String read(Path file) throws IOException {
        requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + size + " bytes (expected: a PEM file of at most " + MAX_FILE_BYTES + ")");
        }
        try {
            // Latin-1 never fails to decode; non-PEM bytes then simply contain no block.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // "Is a directory" and friends do not say which file; the caller's user needs to know.
            throw new IOException(file + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // Temporary files start owner-only; certificates are public and other lab processes read them.
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
