package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Peer authentication on links: each side's Hello carries HMAC-SHA256(lab secret, node | link),
 * so a process that does not hold the run's secret cannot pose as a Socket, and a Socket cannot
 * pose as another or bring up a link that is not its own. Immutable; any thread.
 */
public final class LinkAuth {
    public static final int TAG_LENGTH = 32;
    static final int MIN_SECRET = 16;

    private final byte[] secret;

    public LinkAuth(byte[] secret) {
        requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET) {
            throw new IllegalArgumentException("link secret: " + secret.length + " bytes (expected: at least " + MIN_SECRET + ")");
        }
        this.secret = secret.clone();
    }

    public static byte[] newSecret() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return s;
    }

    /** Reads a secret written as hex (what the orchestrator writes into the run folder). */
    public static LinkAuth load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new LinkAuth(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IOException("link secret " + file + ": not hex (expected: 64 hex digits)", e);
        }
    }

    public static void write(Path file, byte[] secret) throws IOException {
        Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
    }

    public byte[] tag(String node, String link) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("wanlab-link-v1|" + node + "|" + link).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Null if the hello is the expected peer's on this link; else why not. */
    public String refuse(Frame.Hello hello, String expectedPeer, String link) {
        if (!hello.link().equals(link)) {
            return "hello for link '" + hello.link() + "' on link '" + link + "'";
        }
        if (!hello.node().equals(expectedPeer)) {
            return "hello from '" + hello.node() + "' (expected: '" + expectedPeer + "')";
        }
        if (!MessageDigest.isEqual(hello.authTag(), tag(hello.node(), link))) {
            return "hello from '" + hello.node() + "' with a bad auth tag (not this run's secret)";
        }
        return null;
    }
}
