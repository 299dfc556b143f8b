package io.wanlab.server;

import java.net.InetSocketAddress;

/** What a server stub saw on one connection; the node writes these as events, tests record them. */
public sealed interface StubEvent {
    /** The client's address and port. */
    InetSocketAddress peer();

    /** A completed TLS handshake. {@code sni} and {@code alpn} are empty when the client sent none. */
    record Handshake(InetSocketAddress peer, String sni, String protocol, String cipher, String alpn) implements StubEvent {
    }

    /** A handshake that did not complete: not TLS, an alert, a timeout, a reset, a close. */
    record HandshakeFailed(InetSocketAddress peer, String reason) implements StubEvent {
    }

    /** A request answered, with the status sent. {@code uri} is cut to a few hundred characters. */
    record Request(InetSocketAddress peer, String method, String uri, int status) implements StubEvent {
    }

    /** After the handshake, the connection broke: a reset by the peer, a TLS record error, undecodable bytes. */
    record ConnectionFailed(InetSocketAddress peer, String reason) implements StubEvent {
    }

    /** An exception no client input should cause: a stub bug. Tests fail on it. */
    record Unexpected(InetSocketAddress peer, Throwable cause) implements StubEvent {
    }
}
