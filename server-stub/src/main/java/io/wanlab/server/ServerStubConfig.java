package io.wanlab.server;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import io.wanlab.server.ca.SubjectNames;
import io.wanlab.server.ca.TlsVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a server stub listens on and how: the bind address, the names its certificate carries (the first is the
 * lab's application name), the TLS versions it accepts and the limits that keep a hostile client cheap.
 *
 * @param bind             address and port to listen on (port 0: any free port)
 * @param serverNames      DNS names and IP literals for the certificate, the primary name first
 * @param versions         TLS versions accepted
 * @param handshakeTimeout a connection that has not finished its TLS handshake by then is closed
 * @param idleTimeout      a keep-alive connection silent for this long is closed
 * @param maxRequestBytes  largest request body accepted (larger gets 413)
 * @param ioThreads        event loop threads
 */
public record ServerStubConfig(InetSocketAddress bind, List<String> serverNames, Set<TlsVersion> versions,
                               Duration handshakeTimeout, Duration idleTimeout, int maxRequestBytes, int ioThreads) {
    /** The server's address in the default lab (docs/design.md, section 2). */
    public static final String LAB_ADDRESS = "198.18.2.10";
    public static final int LAB_PORT = 443;
    /** The application name clients on site A ask for. */
    public static final String LAB_NAME = "app.site-b.lab";

    public ServerStubConfig {
        requireNonNull(bind, "bind");
        if (bind.isUnresolved()) {
            throw new IllegalArgumentException("bind: " + bind + " (expected: an IP address, not a name to look up)");
        }
        serverNames = List.copyOf(requireNonNull(serverNames, "serverNames"));
        SubjectNames.of(serverNames);
        versions = Set.copyOf(requireNonNull(versions, "versions"));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("versions: none (expected: TLSv1.2 and/or TLSv1.3)");
        }
        requireBetween("handshakeTimeout", handshakeTimeout, Duration.ofMillis(10), Duration.ofMinutes(10));
        requireBetween("idleTimeout", idleTimeout, Duration.ofMillis(10), Duration.ofHours(1));
        if (maxRequestBytes < 0 || maxRequestBytes > 1 << 20) {
            throw new IllegalArgumentException("maxRequestBytes: " + maxRequestBytes + " (expected: 0..1048576)");
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 1..64)");
        }
    }

    /** The default lab server: 198.18.2.10:443, certificate for app.site-b.lab, TLS 1.2 and 1.3. */
    public static ServerStubConfig defaults() {
        return new ServerStubConfig(address(LAB_ADDRESS, LAB_PORT), List.of(LAB_NAME), TlsVersion.ALL,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024, 2);
    }

    /** An IP literal and port as a socket address, without any name lookup. */
    public static InetSocketAddress address(String ipLiteral, int port) {
        requireNonNull(ipLiteral, "ipLiteral");
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(ipLiteral);
        if (ip == null) {
            throw new IllegalArgumentException("address: '" + ipLiteral + "' (expected: an IPv4 or IPv6 literal)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        return new InetSocketAddress(ip, port);
    }

    public ServerStubConfig withBind(InetSocketAddress newBind) {
        return new ServerStubConfig(newBind, serverNames, versions, handshakeTimeout, idleTimeout, maxRequestBytes, ioThreads);
    }

    /** Adds names (DNS names or IP literals) after the existing ones, skipping any already present. */
    /** The same stub with exactly these certificate names, the primary first. */
    public ServerStubConfig withNames(List<String> names) {
        return new ServerStubConfig(bind, names, versions, handshakeTimeout, idleTimeout, maxRequestBytes, ioThreads);
    }

    public ServerStubConfig withExtraNames(List<String> extra) {
        List<String> names = new ArrayList<>(serverNames);
        for (String name : requireNonNull(extra, "extra")) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return new ServerStubConfig(bind, names, versions, handshakeTimeout, idleTimeout, maxRequestBytes, ioThreads);
    }

    public ServerStubConfig withVersions(Set<TlsVersion> newVersions) {
        return new ServerStubConfig(bind, serverNames, newVersions, handshakeTimeout, idleTimeout, maxRequestBytes, ioThreads);
    }

    public ServerStubConfig withHandshakeTimeout(Duration timeout) {
        return new ServerStubConfig(bind, serverNames, versions, timeout, idleTimeout, maxRequestBytes, ioThreads);
    }

    public ServerStubConfig withIdleTimeout(Duration timeout) {
        return new ServerStubConfig(bind, serverNames, versions, handshakeTimeout, timeout, maxRequestBytes, ioThreads);
    }

    public ServerStubConfig withMaxRequestBytes(int bytes) {
        return new ServerStubConfig(bind, serverNames, versions, handshakeTimeout, idleTimeout, bytes, ioThreads);
    }

    /** The names as the certificate carries them. */
    public SubjectNames subjectNames() {
        return SubjectNames.of(serverNames);
    }

    private static void requireBetween(String name, Duration value, Duration min, Duration max) {
        requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
