package io.wanlab.bench.client;

import static java.util.Objects.requireNonNull;

import io.wanlab.server.ca.TlsVersion;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One GET for the lab client.
 *
 * @param url            an https URL; its host gives SNI, the certificate name to check and the Host header
 * @param trusted        the only CA certificates trusted (the lab CA)
 * @param connectAddress where to connect instead of resolving the URL's host ({@code --resolve})
 * @param connectTimeout limit for the TCP connect alone
 * @param timeout        limit for the whole exchange, connect included
 * @param versions       TLS versions offered
 */
public record ClientRequest(URI url, List<X509Certificate> trusted, Optional<InetAddress> connectAddress,
                            Duration connectTimeout, Duration timeout, Set<TlsVersion> versions) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public ClientRequest {
        requireNonNull(url, "url");
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("url: '" + url + "' (expected: https://HOST[:PORT][/PATH])");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("url: '" + url + "' has no host (expected: https://HOST[:PORT][/PATH])");
        }
        trusted = List.copyOf(requireNonNull(trusted, "trusted"));
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("trusted: none (expected: the lab CA certificate)");
        }
        requireNonNull(connectAddress, "connectAddress");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("timeout", timeout);
        versions = Set.copyOf(requireNonNull(versions, "versions"));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: none (expected: TLSv1.2 and/or TLSv1.3)");
        }
    }

    /** A GET of the URL trusting the given CA, default timeouts, TLS 1.2 and 1.3 offered. */
    public static ClientRequest of(String url, List<X509Certificate> trusted) {
        return new ClientRequest(parseUrl(url), trusted, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
                TlsVersion.ALL);
    }

    public static URI parseUrl(String url) {
        requireNonNull(url, "url");
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: '" + url + "' (expected: https://HOST[:PORT][/PATH]; " + e.getReason() + ")", e);
        }
    }

    /** Applies a {@code --resolve} entry; it must name this URL's host and port, or it would silently not apply. */
    public ClientRequest withResolve(ResolveOverride resolve) {
        requireNonNull(resolve, "resolve");
        if (!resolve.matches(host(), port())) {
            throw new IllegalArgumentException("--resolve " + resolve.host() + ":" + resolve.port()
                    + " does not match the URL's " + host() + ":" + port() + " (expected: the same host and port)");
        }
        return withConnectAddress(resolve.address());
    }

    public ClientRequest withConnectAddress(InetAddress address) {
        return new ClientRequest(url, trusted, Optional.of(requireNonNull(address, "address")), connectTimeout, timeout, versions);
    }

    public ClientRequest withTimeout(Duration newTimeout) {
        return new ClientRequest(url, trusted, connectAddress, connectTimeout, newTimeout, versions);
    }

    public ClientRequest withConnectTimeout(Duration newTimeout) {
        return new ClientRequest(url, trusted, connectAddress, newTimeout, timeout, versions);
    }

    public ClientRequest withVersions(Set<TlsVersion> newVersions) {
        return new ClientRequest(url, trusted, connectAddress, connectTimeout, timeout, newVersions);
    }

    /** The URL's host without IPv6 brackets, lower-cased. */
    public String host() {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    public int port() {
        return url.getPort() < 0 ? 443 : url.getPort();
    }

    /** The request target: path (at least "/") and query, as the URL spelled them. */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header: host, with the port unless it is 443. */
    public String hostHeader() {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return port() == 443 ? host : host + ":" + port();
    }

    private static void requirePositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: more than 0, at most " + MAX_TIMEOUT + ")");
        }
    }
}
