package io.wanlab.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/** Turns the TLS handshake's outcome into a {@link StubEvent}: SNI, protocol, cipher and ALPN, or why it failed. */
final class HandshakeObserver extends ChannelInboundHandlerAdapter {
    private final StubConnection connection;

    HandshakeObserver(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                SslHandler tls = ctx.pipeline().get(SslHandler.class);
                SSLSession session = tls.engine().getSession();
                String alpn = tls.applicationProtocol();
                connection.handshakeSucceeded(sni(session), session.getProtocol(), session.getCipherSuite(),
                        alpn == null ? "" : alpn);
            } else {
                connection.handshakeFailed(completion.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private static String sni(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return "";
        }
        List<SNIServerName> names = extended.getRequestedServerNames();
        for (SNIServerName name : names) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName();
            }
        }
        return "";
    }
}
