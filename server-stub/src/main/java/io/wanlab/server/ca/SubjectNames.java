package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a leaf certificate is valid for: DNS names (subjectAltName dNSName) and IP addresses
 * (subjectAltName iPAddress). Built from strings without any name lookup: an IP literal is an
 * address, anything else must be a valid DNS name.
 */
public record SubjectNames(List<String> dnsNames, List<InetAddress> ipAddresses) {
    /** A certificate with more names than this is a mistake in the lab, not a use case. */
    public static final int MAX_NAMES = 100;

    public SubjectNames {
        dnsNames = List.copyOf(requireNonNull(dnsNames, "dnsNames"));
        ipAddresses = List.copyOf(requireNonNull(ipAddresses, "ipAddresses"));
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("names: none (expected: at least one DNS name or IP address)");
        }
        if (dnsNames.size() + ipAddresses.size() > MAX_NAMES) {
            throw new IllegalArgumentException("names: " + (dnsNames.size() + ipAddresses.size())
                    + " (expected: at most " + MAX_NAMES + ")");
        }
        for (String name : dnsNames) {
            if (!isDnsName(name)) {
                throw new IllegalArgumentException("DNS name: '" + name
                        + "' (expected: lower-case letters, digits and '-' in dot-separated labels, optional leading '*.')");
            }
        }
    }

    /** Parses each string as an IP literal or a DNS name (lower-cased, trailing dot dropped), in order, without duplicates. */
    public static SubjectNames of(Collection<String> names) {
        requireNonNull(names, "names");
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        for (String raw : names) {
            requireNonNull(raw, "name");
            String name = raw.strip();
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(stripBrackets(name));
            if (ip != null) {
                ips.add(address(ip));
                continue;
            }
            dns.add(normalize(name));
        }
        return new SubjectNames(new ArrayList<>(dns), new ArrayList<>(ips));
    }

    public static SubjectNames of(String... names) {
        return of(List.of(names));
    }

    /** The name the certificate's subject CN carries: the first DNS name, else the first address. */
    public String primary() {
        return dnsNames.isEmpty() ? ipAddresses.getFirst().getHostAddress() : dnsNames.getFirst();
    }

    /** Lower-cases and drops one trailing dot, the form SNI and certificates compare in. */
    public static String normalize(String dnsName) {
        String name = requireNonNull(dnsName, "dnsName").toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * True for an LDH host name (RFC 1123 labels of 1..63 characters, at most 253 in all), optionally
     * starting with one wildcard label. Underscores are refused: certificates and SNI do not carry them.
     */
    public static boolean isDnsName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        int start = name.startsWith("*.") ? 2 : 0;
        if (start == name.length()) {
            return false;
        }
        int labelStart = start;
        for (int i = start; i <= name.length(); i++) {
            if (i < name.length() && name.charAt(i) != '.') {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
                continue;
            }
            int length = i - labelStart;
            if (length < 1 || length > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                return false;
            }
            labelStart = i + 1;
        }
        return true;
    }

    private static String stripBrackets(String name) {
        return name.length() > 2 && name.startsWith("[") && name.endsWith("]")
                ? name.substring(1, name.length() - 1) : name;
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: a literal of " + ip.length + " bytes", e);
        }
    }
}
