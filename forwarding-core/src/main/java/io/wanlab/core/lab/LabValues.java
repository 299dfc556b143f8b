package io.wanlab.core.lab;

import io.wanlab.core.net.Ipv4;
import io.wanlab.core.net.Ipv4Prefix;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the values a lab file writes as text. Each throws {@link IllegalArgumentException}
 * whose message names the value and the expected form; the loader turns it into a problem.
 */
final class LabValues {
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:\\s*-\\s*(\\d{1,5}))?");

    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

    private LabValues() {
    }

    /** {@code a.b.c.d/n} with the host bits clear: {@code 198.18.1.5/24} is a typo, not a subnet. */
    static Ipv4Prefix subnet(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("subnet: " + NodeReader.quote(text) + " (expected: a.b.c.d/n)");
        }
        Ipv4Prefix prefix = Ipv4Prefix.parse(text);
        if (Ipv4.parse(text.substring(0, slash)) != prefix.address()) {
            throw new IllegalArgumentException("subnet: " + NodeReader.quote(text) + " has host bits set (expected: "
                    + prefix + ")");
        }
        return prefix;
    }

    static int host(String text) {
        return Ipv4.parse(text);
    }

    /** {@code a.b.c.d-e.f.g.h}, first not above last. */
    static EndpointMatch.IpRange range(String text) {
        int dash = text.indexOf('-');
        if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
            throw new IllegalArgumentException("IP range: " + NodeReader.quote(text) + " (expected: a.b.c.d-e.f.g.h)");
        }
        int first = Ipv4.parse(text.substring(0, dash).strip());
        int last = Ipv4.parse(text.substring(dash + 1).strip());
        return new EndpointMatch.IpRange(first, last);
    }

    /** A port {@code 443} or a range {@code 8000-8080}; port 0 is not a service anyone reaches. */
    static PortRange ports(String text) {
        Matcher m = PORTS.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("port: " + NodeReader.quote(text)
                    + " (expected: a port 1..65535 or a range such as 8000-8080)");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        if (first < 1 || first > 65535 || last < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("port: " + NodeReader.quote(text)
                    + " (expected: ports 1..65535, first <= last)");
        }
        return new PortRange(first, last);
    }

    /** The model accepts any text; a lab file gets the DNS alphabet, so that typos show early. */
    static DomainPattern domain(String text) {
        if (text.length() > 253 || !DOMAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("domain: " + NodeReader.quote(text)
                    + " (expected: a DNS name such as crm.example or a wildcard such as *.crm.example)");
        }
        return new DomainPattern(text);
    }
}
