package io.wanlab.bench.client;

/**
 * How one client exchange ended, each with its own process exit code so scripts and the bench can tell them apart:
 * ok 0, reset-during-handshake 10, reset-after-handshake 11, timeout 12, refused 13, tls-error 14, other-error 15.
 * (Command-line usage errors exit with 2, as picocli does.)
 */
public enum Outcome {
    /** A complete HTTP response arrived (any status). */
    OK("ok", 0),
    /** A TCP RST (ECONNRESET or the EPIPE that follows it) before the TLS handshake completed: the seed's failure. */
    RESET_DURING_HANDSHAKE("reset-during-handshake", 10),
    /** A TCP RST after the handshake, before the response was complete. */
    RESET_AFTER_HANDSHAKE("reset-after-handshake", 11),
    /** The connect, the handshake or the response took longer than allowed. */
    TIMEOUT("timeout", 12),
    /** The connection was refused (ECONNREFUSED: nothing listens, or a RST answered the SYN). */
    REFUSED("refused", 13),
    /** A TLS failure: untrusted or mismatched certificate, an alert, a protocol or record error. */
    TLS_ERROR("tls-error", 14),
    /** Anything else: a clean close mid-exchange, an unknown host, an unroutable address, a malformed response. */
    OTHER_ERROR("other-error", 15);

    private final String label;
    private final int exitCode;

    Outcome(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    /** The kebab-case name used in JSON and summaries. */
    public String label() {
        return label;
    }

    /** The outcome whose {@link #label} this is (as {@code wanlab client --json} prints it). */
    public static Outcome fromLabel(String label) {
        for (Outcome o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("outcome: '" + label + "' (expected: one of " + java.util.Arrays.toString(values()) + ")");
    }

    public int exitCode() {
        return exitCode;
    }
}
