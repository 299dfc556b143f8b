package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Peer authentication on links: each side's Hello carries an HMAC-SHA256 under the run's secret
 * over its node and link names, so a process that does not hold the secret cannot pose as a
 * Socket, and a Socket cannot pose as another or bring up a link that is not its own. On TCP the
 * HMAC also covers both ends' fresh nonces and the sender's role ({@link #answer}), so a captured
 * Hello cannot be replayed or reflected; UDP links keep the static {@link #tag} (see
 * docs/FRAMING.md). Pure logic, no I/O; immutable; any thread.
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

    /** Why a hello was refused: the reason counted and the detail logged. */
    public record Refusal(LinkRefusal reason, String detail) {
    }

    /** Null if the hello is the expected peer's on this link; else why not. */
    public String refuse(Frame.Hello hello, String expectedPeer, String link) {
        Refusal r = check(hello, expectedPeer, link);
        return r == null ? null : r.detail();
    }

    /** Null if the hello is the expected peer's on this link (version included); else why not. */
    public Refusal check(Frame.Hello hello, String expectedPeer, String link) {
        Refusal r = checkNames(hello, expectedPeer, link);
        if (r != null) {
            return r;
        }
        if (!MessageDigest.isEqual(hello.authTag(), tag(hello.node(), link))) {
            return new Refusal(LinkRefusal.BAD_TAG, "hello from '" + hello.node() + "' with a bad auth tag (not this run's secret)");
        }
        return null;
    }

    private static Refusal checkNames(Frame.Hello hello, String expectedPeer, String link) {
        if (hello.version() != LinkHandler.VERSION) {
            return new Refusal(LinkRefusal.WRONG_PEER, "hello version " + hello.version() + " (expected: " + LinkHandler.VERSION + ")");
        }
        if (!hello.link().equals(link)) {
            return new Refusal(LinkRefusal.WRONG_PEER, "hello for link '" + hello.link() + "' on link '" + link + "'");
        }
        if (!hello.node().equals(expectedPeer)) {
            return new Refusal(LinkRefusal.WRONG_PEER, "hello from '" + hello.node() + "' (expected: '" + expectedPeer + "')");
        }
        return null;
    }

    /** Which end of a TCP link sends a Hello: bound into its tag, so a Hello cannot be reflected back. */
    public enum Role {
        DIALER, LISTENER
    }

    public static final int NONCE_LENGTH = FrameFormat.CHALLENGE_BODY;
    /** A TCP Hello's tag: the nonce it answers, the sender's own nonce, then the HMAC over both. */
    public static final int CHALLENGE_TAG_LENGTH = 2 * NONCE_LENGTH + TAG_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    public static byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(n);
        return n;
    }

    /**
     * The tag of a TCP Hello that answers {@code answered} (the receiver's nonce) and carries
     * {@code own} (the sender's): answered | own | HMAC(secret, role, node, link, answered, own).
     */
    public byte[] answer(Role sender, String node, String link, byte[] answered, byte[] own) {
        byte[] tag = new byte[CHALLENGE_TAG_LENGTH];
        System.arraycopy(answered, 0, tag, 0, NONCE_LENGTH);
        System.arraycopy(own, 0, tag, NONCE_LENGTH, NONCE_LENGTH);
        System.arraycopy(mac(sender, node, link, answered, own), 0, tag, 2 * NONCE_LENGTH, TAG_LENGTH);
        return tag;
    }

    /** The sender's own nonce in a TCP Hello's tag (call after {@link #checkAnswer} accepted it). */
    public static byte[] ownNonce(Frame.Hello hello) {
        byte[] own = new byte[NONCE_LENGTH];
        System.arraycopy(hello.authTag(), NONCE_LENGTH, own, 0, NONCE_LENGTH);
        return own;
    }

    /**
     * Null if the Hello is the expected peer's, answers {@code myNonce} and (when known) carries
     * {@code theirNonce}, under this run's secret; else why not. A Hello that answers some other
     * nonce is a replay (captured from another connection or run), told apart from a forged tag.
     */
    public Refusal checkAnswer(Frame.Hello hello, Role sender, String expectedPeer, String link, byte[] myNonce, byte[] theirNonce) {
        Refusal r = checkNames(hello, expectedPeer, link);
        if (r != null) {
            return r;
        }
        byte[] tag = hello.authTag();
        if (tag.length != CHALLENGE_TAG_LENGTH) {
            return new Refusal(LinkRefusal.BAD_TAG, "hello from '" + hello.node() + "' with a " + tag.length
                    + "-byte auth tag (expected: " + CHALLENGE_TAG_LENGTH + ")");
        }
        byte[] answered = Arrays.copyOfRange(tag, 0, NONCE_LENGTH);
        byte[] own = Arrays.copyOfRange(tag, NONCE_LENGTH, 2 * NONCE_LENGTH);
        if (!MessageDigest.isEqual(answered, myNonce) || (theirNonce != null && !MessageDigest.isEqual(own, theirNonce))) {
            return new Refusal(LinkRefusal.REPLAYED, "hello from '" + hello.node() + "' answers another connection's challenge");
        }
        byte[] mac = Arrays.copyOfRange(tag, 2 * NONCE_LENGTH, CHALLENGE_TAG_LENGTH);
        if (!MessageDigest.isEqual(mac, mac(sender, hello.node(), link, answered, own))) {
            return new Refusal(LinkRefusal.BAD_TAG, "hello from '" + hello.node() + "' with a bad auth tag (not this run's secret)");
        }
        return null;
    }

    private byte[] mac(Role sender, String node, String link, byte[] answered, byte[] own) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("wanlab-link-v2|" + sender.name().toLowerCase(Locale.ROOT) + "|" + node + "|" + link + "|")
                    .getBytes(StandardCharsets.UTF_8));
            mac.update(answered);
            return mac.doFinal(own);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
