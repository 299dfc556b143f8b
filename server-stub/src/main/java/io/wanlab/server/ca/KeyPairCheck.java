package io.wanlab.server.ca;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a private key read from a file belongs to a certificate's public key: sign and verify a probe. */
final class KeyPairCheck {
    private static final byte[] PROBE = "wanlab key check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {
    }

    static void requireMatch(PublicKey publicKey, PrivateKey privateKey) {
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("private key: " + privateKey.getAlgorithm()
                    + " (expected: the certificate's " + publicKey.getAlgorithm() + " key)");
        }
        String algorithm = KeyAlgorithm.of(publicKey).signatureAlgorithm();
        boolean verified;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key: unusable with the certificate's key (" + e.getMessage() + ")", e);
        }
        if (!verified) {
            throw new IllegalArgumentException("private key: does not match the certificate's public key");
        }
    }
}
