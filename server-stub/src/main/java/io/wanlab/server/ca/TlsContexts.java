package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Netty TLS contexts for the lab, all on the JDK provider (the same TLS stack on every node, no native library):
 * servers present a lab leaf and offer ALPN http/1.1; clients trust only the given CA certificates and check the
 * host name.
 */
public final class TlsContexts {
    /** JDK's ALPN works with these two behaviours; others are refused by Netty's JDK provider. */
    private static final ApplicationProtocolConfig HTTP_1_1 = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1);

    private TlsContexts() {
    }

    public static SslContext server(IssuedCertificate certificate, Collection<TlsVersion> versions) throws SSLException {
        requireNonNull(certificate, "certificate");
        return SslContextBuilder.forServer(certificate.privateKey(), certificate.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(TlsVersion.protocolNames(versions))
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }

    /** A client context that trusts exactly these CA certificates and verifies the server's name (HTTPS rules). */
    /** A client context that decides trust with {@code trustManager} (one that also records what it was shown, say). */
    public static SslContext client(javax.net.ssl.TrustManager trustManager, Collection<TlsVersion> versions) throws SSLException {
        requireNonNull(trustManager, "trustManager");
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trustManager)
                .protocols(TlsVersion.protocolNames(versions))
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }

    public static SslContext client(List<X509Certificate> trusted, Collection<TlsVersion> versions) throws SSLException {
        requireNonNull(trusted, "trusted");
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("trusted: none (expected: at least one CA certificate)");
        }
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trusted)
                .protocols(TlsVersion.protocolNames(versions))
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }
}
