package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A leaf certificate, its private key, and the CA certificate that issued it. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {
    public IssuedCertificate {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(issuer, "issuer");
    }

    /** The chain a server presents: leaf first, then the CA (clients trust the CA, so it is optional but harmless). */
    public List<X509Certificate> chain() {
        return List.of(certificate, issuer);
    }

    /** An in-memory PKCS#12 key store with the key under alias "leaf", for JDK APIs that want a KeyManagerFactory. */
    public KeyStore keyStore(char[] password) {
        requireNonNull(password, "password");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("leaf", privateKey, password, chain().toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("in-memory PKCS12 key store unavailable in this JDK", e);
        }
    }
}
