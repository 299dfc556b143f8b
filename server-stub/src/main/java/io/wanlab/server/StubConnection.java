package io.wanlab.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * One connection's state shared by its handlers, and the one place events leave for the listener. Confined to the
 * channel's event loop, so no field needs synchronization.
 */
final class StubConnection {
    private static final int MAX_REASON = 200;
    private static final InetSocketAddress UNKNOWN_PEER = InetSocketAddress.createUnresolved("unknown", 0);

    private final InetSocketAddress peer;
    private final StubListener listener;
    private boolean handshakeDone;
    private boolean handshakeReported;
    private String sni = "";
    private String protocol = "";
    private String cipher = "";

    StubConnection(Channel channel, StubListener listener) {
        SocketAddress remote = channel.remoteAddress();
        this.peer = remote instanceof InetSocketAddress inet ? inet : UNKNOWN_PEER;
        this.listener = listener;
    }

    InetSocketAddress peer() {
        return peer;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    String sni() {
        return sni;
    }

    String protocol() {
        return protocol;
    }

    String cipher() {
        return cipher;
    }

    void handshakeSucceeded(String sni, String protocol, String cipher, String alpn) {
        this.handshakeDone = true;
        this.handshakeReported = true;
        this.sni = sni;
        this.protocol = protocol;
        this.cipher = cipher;
        emit(new StubEvent.Handshake(peer, sni, protocol, cipher, alpn));
    }

    /** Reports a failed handshake once, however many ways (event, exception, close) Netty tells of it. */
    void handshakeFailed(Throwable cause) {
        if (handshakeReported) {
            return;
        }
        handshakeReported = true;
        emit(new StubEvent.HandshakeFailed(peer, describe(cause)));
    }

    /**
     * An exception from the pipeline. Network and TLS errors and undecodable input are the client's doing: a
     * handshake failure or a connection failure. Anything else is a stub bug.
     */
    void exceptionCaught(Throwable cause) {
        if (!isClientCaused(cause)) {
            emit(new StubEvent.Unexpected(peer, cause));
            return;
        }
        if (!handshakeDone) {
            handshakeFailed(cause);
            return;
        }
        emit(new StubEvent.ConnectionFailed(peer, describe(cause)));
    }

    void emit(StubEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // The listener is the caller's code; a bug there must not turn into a pipeline exception loop.
            System.err.println("server-stub: listener failed on " + event + ": " + e);
        }
    }

    static boolean isClientCaused(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return root instanceof IOException || root instanceof SSLException || root instanceof DecoderException;
    }

    /** The exception's class and the start of its message (Netty puts whole hex dumps of garbage in some). */
    static String describe(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ClosedChannelException) {
            // Netty's stackless variant has no message; what it means is simple.
            return "connection closed";
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String text = root.getClass().getSimpleName() + message;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }
}
