package io.wanlab.bench.client;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.json.Json;

/**
 * The result of one exchange.
 *
 * @param outcome     how it ended
 * @param detail      a short human explanation (the status line, or the error that decided the outcome)
 * @param elapsedMillis from the start of the connect to the outcome
 * @param status      the HTTP status, or -1 when no response head arrived
 * @param bytes       response body bytes received (also when the exchange failed midway)
 * @param body        the start of the body as text (at most {@link #MAX_BODY_CHARS} characters)
 * @param tlsProtocol the negotiated TLS version, empty when the handshake did not complete
 * @param cipher      the negotiated cipher suite, empty when the handshake did not complete
 * @param issuer      who issued the server's certificate (RFC 2253), also when it was not trusted; empty if none arrived
 */
public record ClientResult(Outcome outcome, String detail, long elapsedMillis, int status, long bytes, String body,
                           String tlsProtocol, String cipher, String issuer) {
    public static final int MAX_BODY_CHARS = 4096;

    public ClientResult(Outcome outcome, String detail, long elapsedMillis, int status, long bytes, String body,
            String tlsProtocol, String cipher) {
        this(outcome, detail, elapsedMillis, status, bytes, body, tlsProtocol, cipher, "");
    }

    public ClientResult {
        requireNonNull(outcome, "outcome");
        requireNonNull(detail, "detail");
        requireNonNull(body, "body");
        requireNonNull(tlsProtocol, "tlsProtocol");
        requireNonNull(cipher, "cipher");
        requireNonNull(issuer, "issuer");
    }

    /** A failure before any response: no status, no body. */
    public static ClientResult failure(Outcome outcome, String detail, long elapsedMillis) {
        return new ClientResult(outcome, detail, elapsedMillis, -1, 0, "", "", "");
    }

    public int exitCode() {
        return outcome.exitCode();
    }

    /** One JSON object on one line: outcome, exit, detail, elapsed_ms, status (null without a response), bytes, tls, cipher. */
    public String toJson() {
        return Json.write(g -> {
            g.writeStartObject()
                    .writeStringProperty("outcome", outcome.label())
                    .writeNumberProperty("exit", outcome.exitCode())
                    .writeStringProperty("detail", detail)
                    .writeNumberProperty("elapsed_ms", elapsedMillis);
            if (!issuer.isEmpty()) {
                g.writeStringProperty("issuer", issuer);
            }
            if (status < 0) {
                g.writeNullProperty("status");
            } else {
                g.writeNumberProperty("status", status);
            }
            g.writeNumberProperty("bytes", bytes)
                    .writeStringProperty("tls", tlsProtocol.isEmpty() ? null : tlsProtocol)
                    .writeStringProperty("cipher", cipher.isEmpty() ? null : cipher)
                    .writeEndObject();
        });
    }

    /** One line for people: {@code ok: HTTP 200, 120 bytes in 15 ms over TLSv1.3} or {@code refused after 1 ms: ... (exit 13)}. */
    public String summary() {
        if (outcome == Outcome.OK) {
            return "ok: HTTP " + status + ", " + bytes + " bytes in " + elapsedMillis + " ms over " + tlsProtocol
                    + " (" + cipher + ")";
        }
        return outcome.label() + " after " + elapsedMillis + " ms: " + detail + " (exit " + outcome.exitCode() + ")";
    }
}
