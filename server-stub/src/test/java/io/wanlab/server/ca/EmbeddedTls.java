package io.wanlab.server.ca;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;

/** A TLS handshake between two EmbeddedChannels, bytes shuttled by hand: what certificate does a server context present? */
final class EmbeddedTls {
    private EmbeddedTls() {
    }

    static X509Certificate servedCertificate(SslContext server, X509Certificate trusted, String sni) throws Exception {
        SslContext client = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trusted)
                .endpointIdentificationAlgorithm(null)
                .serverName(new SNIHostName(sni))
                .build();
        return handshake(client.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT), server.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
    }

    /** Shuttles a client and a server handler's bytes until the client's handshake ends; throws its failure; the server's leaf. */
    static X509Certificate handshake(SslHandler clientHandler, SslHandler serverHandler) throws Exception {
        EmbeddedChannel clientChannel = new EmbeddedChannel(clientHandler);
        EmbeddedChannel serverChannel = new EmbeddedChannel(serverHandler);
        try {
            SslHandler clientTls = clientChannel.pipeline().get(SslHandler.class);
            for (int round = 0; round < 20 && !clientTls.handshakeFuture().isDone(); round++) {
                shuttle(clientChannel, serverChannel);
                shuttle(serverChannel, clientChannel);
            }
            clientTls.handshakeFuture().sync();
            return (X509Certificate) clientTls.engine().getSession().getPeerCertificates()[0];
        } finally {
            clientChannel.finishAndReleaseAll();
            serverChannel.finishAndReleaseAll();
        }
    }

    private static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
        for (ByteBuf chunk = from.readOutbound(); chunk != null; chunk = from.readOutbound()) {
            to.writeInbound(chunk);
        }
    }
}
