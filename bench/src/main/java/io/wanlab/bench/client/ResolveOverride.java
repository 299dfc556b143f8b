package io.wanlab.bench.client;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Locale;

/**
 * curl's {@code --resolve HOST:PORT:ADDRESS}: connect to ADDRESS when the URL names HOST and PORT, while SNI, the
 * certificate check and the Host header keep using HOST. The address must be an IP literal (IPv6 in brackets).
 */
public record ResolveOverride(String host, int port, InetAddress address) {
    public ResolveOverride {
        requireNonNull(host, "host");
        requireNonNull(address, "address");
        host = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("resolve host: empty (expected: the URL's host name)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("resolve port: " + port + " (expected: 1..65535)");
        }
    }

    public static ResolveOverride parse(String text) {
        requireNonNull(text, "text");
        String expected = "(expected: HOST:PORT:ADDRESS, e.g. app.site-b.lab:443:198.18.2.10)";
        int first = text.indexOf(':');
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("--resolve '" + text + "' " + expected);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(first + 1, second));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--resolve '" + text + "': port '" + text.substring(first + 1, second) + "' " + expected, e);
        }
        String literal = text.substring(second + 1);
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
        if (address == null) {
            throw new IllegalArgumentException("--resolve '" + text + "': address '" + literal
                    + "' is not an IP literal (names are not looked up) " + expected);
        }
        return new ResolveOverride(text.substring(0, first), port, address);
    }

    public boolean matches(String urlHost, int urlPort) {
        return host.equalsIgnoreCase(urlHost) && port == urlPort;
    }
}
