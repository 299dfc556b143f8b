package io.wanlab.core.lint;

/** What a probe's connection should do. */
public enum Outcome {
    /** The TLS handshake completes. */
    OK,
    /** The server answers the ClientHello with a reset: the seed's failure. */
    RESET,
    /**
     * The Socket has no link for the decided transport and no usable secondary: it drops the
     * packets, so the connection times out rather than being reset.
     */
    NO_ROUTE
}
