package io.wanlab.bench.handshake;

import static java.util.Objects.requireNonNull;

/**
 * One path's figures: exchanges completed and failed in the window, how many resumed a session (should be none: the
 * client's cache is off), and the mean time of each phase of a completed exchange, measured by the client: TCP connect,
 * TLS handshake, and request to the end of the response (through an inspecting PoP this includes the PoP's own
 * connection and handshake to the server).
 *
 * @param firstFailure the first failure's reason, or null
 */
public record HandshakeResult(String path, int concurrency, double seconds, long completed, long failed, long resumed,
        double connectMillis, double tlsMillis, double responseMillis, String firstFailure) {
    public HandshakeResult {
        requireNonNull(path, "path");
        if (seconds <= 0 || completed < 0 || failed < 0 || resumed < 0) {
            throw new IllegalArgumentException(path + ": seconds " + seconds + ", completed " + completed + ", failed " + failed
                    + ", resumed " + resumed + " (expected: seconds above 0, counts 0 or more)");
        }
    }

    /** New TLS connections (each with its GET and response) per second. */
    public double perSecond() {
        return completed / seconds;
    }
}
