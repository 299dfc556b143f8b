package io.wanlab.core.appid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Turns a raw Host value into a server name: trims whitespace, strips the port, lower-cases. */
final class HttpHostValue {
    private HttpHostValue() {}

    static Identification parse(byte[] value, int length) {
        int from = 0;
        int to = length;
        while (from < to && isBlank(value[from])) {
            from++;
        }
        while (to > from && isBlank(value[to - 1])) {
            to--;
        }
        if (from == to) {
            return new GaveUp("empty Host header");
        }
        if (value[from] == '[') {
            return ipv6Literal(value, from, to);
        }
        int colon = from;
        while (colon < to && value[colon] != ':') {
            colon++;
        }
        GaveUp badPort = checkPort(value, colon, to);
        if (badPort != null) {
            return badPort;
        }
        String problem = HostNames.problem("Host header", value, from, colon - from);
        if (problem != null) {
            return new GaveUp(problem);
        }
        return new Identified(Identified.Kind.HTTP, HostNames.normalize(value, from, colon - from), List.of(), null, null);
    }

    private static Identification ipv6Literal(byte[] value, int from, int to) {
        int close = from + 1;
        while (close < to && value[close] != ']') {
            int c = value[close];
            boolean hex = c >= '0' && c <= '9' || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
            if (!hex && c != ':' && c != '.') {
                return new GaveUp("Host header: invalid character 0x" + HostNames.hex2(c & 0xff) + " in IPv6 literal");
            }
            close++;
        }
        if (close == to || close == from + 1) {
            return new GaveUp("Host header: unterminated or empty IPv6 literal");
        }
        GaveUp badPort = checkPort(value, close + 1, to);
        if (badPort != null) {
            return badPort;
        }
        String literal = new String(value, from, close + 1 - from, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        return new Identified(Identified.Kind.HTTP, literal, List.of(), null, null);
    }

    /** {@code value[at, to)} is empty or ':' followed by 1..5 digits. */
    private static GaveUp checkPort(byte[] value, int at, int to) {
        if (at == to) {
            return null;
        }
        int digits = to - at - 1;
        boolean ok = value[at] == ':' && digits >= 1 && digits <= 5;
        for (int i = at + 1; ok && i < to; i++) {
            ok = HttpHostParser.isDigit(value[i]);
        }
        return ok ? null : new GaveUp("Host header: invalid port '" + new String(value, at, to - at, StandardCharsets.ISO_8859_1) + "'");
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
