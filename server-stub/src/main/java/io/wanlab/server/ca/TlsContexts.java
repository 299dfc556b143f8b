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
 * Netty TLS contexts for the lab: servers present a lab leaf and offer ALPN http/1.1; clients trust only the given CA
 * certificates and check the host name. Each context runs on {@link TlsProvider#current()} (OpenSSL when it loads,
 * the JDK's as the fallback) unless a caller names the provider; certificates, versions and ALPN are the same on both.
 */
public final class TlsContexts {
    /** JDK's ALPN works with these two behaviours (others are refused by Netty's JDK provider); OpenSSL's does too. */
    private static final ApplicationProtocolConfig HTTP_1_1 = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1);

    private TlsContexts() {
    }

    public static SslContext server(IssuedCertificate certificate, Collection<TlsVersion> versions) throws SSLException {
        return server(certificate, versions, TlsProvider.current());
    }

    public static SslContext server(IssuedCertificate certificate, Collection<TlsVersion> versions, TlsProvider provider)
            throws SSLException {
        requireNonNull(certificate, "certificate");
        return SslContextBuilder.forServer(certificate.privateKey(), certificate.chain())
                .sslProvider(provider.netty())
                .protocols(TlsVersion.protocolNames(versions))
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }

    /** A client context that decides trust with {@code trustManager} (one that also records what it was shown, say). */
    public static SslContext client(javax.net.ssl.TrustManager trustManager, Collection<TlsVersion> versions) throws SSLException {
        requireNonNull(trustManager, "trustManager");
        // The JDK's provider: callers pass a trust manager that records what it was shown, which is the JDK's contract.
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(trustManager)
                .protocols(TlsVersion.protocolNames(versions))
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }

    /** A client context that trusts exactly these CA certificates and verifies the server's name (HTTPS rules). */
    public static SslContext client(List<X509Certificate> trusted, Collection<TlsVersion> versions) throws SSLException {
        return client(trusted, versions, TlsProvider.current());
    }

    public static SslContext client(List<X509Certificate> trusted, Collection<TlsVersion> versions, TlsProvider provider)
            throws SSLException {
        requireNonNull(trusted, "trusted");
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("trusted: none (expected: at least one CA certificate)");
        }
        return SslContextBuilder.forClient()
                .sslProvider(provider.netty())
                .trustManager(trusted)
                .protocols(TlsVersion.protocolNames(versions))
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(HTTP_1_1)
                .build();
    }
}
