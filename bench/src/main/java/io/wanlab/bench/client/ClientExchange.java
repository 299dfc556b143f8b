package io.wanlab.bench.client;

import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;

/**
 * The state of one exchange and the one place its result is decided. Confined to the channel's event loop (the
 * calling thread only waits on {@link #result()}); the first decision wins and later ones are ignored, so the
 * several ways Netty reports one failure (exception, handshake event, close) cannot contradict each other.
 */
final class ClientExchange {
    private final long startNanos;
    private final Promise<ClientResult> result;
    private boolean handshakeDone;
    private String tlsProtocol = "";
    private String cipher = "";
    private int status = -1;
    private long bytes;
    private final byte[] body = new byte[ClientResult.MAX_BODY_CHARS];
    private int bodyLength;
    private Throwable ioError;
    private String issuer = "";

    ClientExchange(long startNanos, Promise<ClientResult> result) {
        this.startNanos = startNanos;
        this.result = result;
    }

    Promise<ClientResult> result() {
        return result;
    }

    boolean done() {
        return result.isDone();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void handshakeSucceeded(String protocol, String cipherSuite) {
        handshakeDone = true;
        tlsProtocol = protocol;
        cipher = cipherSuite;
    }

    /** Who issued the server's certificate, as the trust manager saw it (before deciding whether to trust it). */
    void certificateIssuer(String name) {
        issuer = name;
    }

    void responseStarted(int statusCode) {
        status = statusCode;
    }

    int status() {
        return status;
    }

    void bodyReceived(io.netty.buffer.ByteBuf content) {
        int readable = content.readableBytes();
        bytes += readable;
        int keep = Math.min(readable, body.length - bodyLength);
        content.getBytes(content.readerIndex(), body, bodyLength, keep);
        bodyLength += keep;
    }

    long bytes() {
        return bytes;
    }

    /**
     * The first I/O error seen on the socket, by read or by write: the evidence of a reset. A reset replaces an
     * earlier non-reset error (a write racing the close fails with "channel closed", which explains nothing).
     */
    void recordIoError(Throwable cause) {
        if (ioError == null || (!OutcomeClassifier.isReset(ioError) && OutcomeClassifier.isReset(cause))) {
            ioError = cause;
        }
    }

    Throwable ioError() {
        return ioError;
    }

    void succeed() {
        finish(Outcome.OK, "HTTP " + status);
    }

    void fail(Throwable cause) {
        finish(OutcomeClassifier.classify(cause, handshakeDone), OutcomeClassifier.detail(cause));
    }

    void finish(Outcome outcome, String detail) {
        if (result.isDone()) {
            return;
        }
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        result.trySuccess(new ClientResult(outcome, detail, elapsed, status, bytes,
                new String(body, 0, bodyLength, StandardCharsets.UTF_8), tlsProtocol, cipher, issuer));
    }
}
