package io.wanlab.bench.client;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Which {@link Outcome} an exception means. Pure: no channel, no state; the caller says whether the TLS handshake had
 * completed. Resets are recognised by the kernel's words, because that is all that survives into Java on both
 * transports: NIO throws {@code SocketException("Connection reset")} or {@code IOException("Connection reset by
 * peer")}, epoll a {@code NativeIoException} whose message ends in "Connection reset by peer"; a write after the RST
 * fails with EPIPE, "Broken pipe".
 */
public final class OutcomeClassifier {
    private static final int MAX_DEPTH = 8;
    private static final int MAX_DETAIL = 300;

    private OutcomeClassifier() {
    }

    /** A failed TCP connect. */
    public static Outcome classifyConnect(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return Outcome.TIMEOUT;
        }
        if (isRefused(cause)) {
            return Outcome.REFUSED;
        }
        return isReset(cause) ? Outcome.RESET_DURING_HANDSHAKE : Outcome.OTHER_ERROR;
    }

    /** A failure on an established connection, before or after the TLS handshake completed. */
    public static Outcome classify(Throwable cause, boolean handshakeDone) {
        if (isReset(cause)) {
            return handshakeDone ? Outcome.RESET_AFTER_HANDSHAKE : Outcome.RESET_DURING_HANDSHAKE;
        }
        if (has(cause, SslHandshakeTimeoutException.class) || has(cause, TimeoutException.class)) {
            return Outcome.TIMEOUT;
        }
        if (has(cause, SSLException.class)) {
            return Outcome.TLS_ERROR;
        }
        return Outcome.OTHER_ERROR;
    }

    /** ECONNRESET, or the EPIPE a write gets once the RST has been seen. */
    public static boolean isReset(Throwable cause) {
        Throwable t = cause;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("connection reset") || message.contains("broken pipe")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** ECONNREFUSED on connect. */
    public static boolean isRefused(Throwable cause) {
        Throwable t = cause;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof ConnectException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The most telling message in the chain, cut short: the deepest cause's, as wrappers (DecoderException and the
     * like) only repeat it. Netty puts hex dumps of whole records in some messages.
     */
    public static String detail(Throwable cause) {
        Throwable deepest = cause;
        Throwable t = cause;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isEmpty()) {
                deepest = t;
            }
        }
        String message = deepest.getMessage() == null ? "" : ": " + deepest.getMessage();
        String text = deepest.getClass().getSimpleName() + message;
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        Throwable t = cause;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
