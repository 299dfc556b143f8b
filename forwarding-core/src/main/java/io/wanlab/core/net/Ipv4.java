package io.wanlab.core.net;

/** IPv4 addresses held as a primitive {@code int} (network order, big-endian bits). */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses dotted-quad text; throws {@link IllegalArgumentException} naming the value. */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address: null (expected: a.b.c.d)");
        }
        int value = 0;
        int octets = 0;
        int current = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (current < 0 || octets == 4) {
                    throw new IllegalArgumentException("IPv4 address: '" + text + "' (expected: a.b.c.d)");
                }
                value = (value << 8) | current;
                octets++;
                current = -1;
            } else if (c >= '0' && c <= '9') {
                current = current < 0 ? c - '0' : current * 10 + (c - '0');
                if (current > 255) {
                    throw new IllegalArgumentException("IPv4 address: '" + text + "' (expected: octets 0..255)");
                }
            } else {
                throw new IllegalArgumentException("IPv4 address: '" + text + "' (expected: a.b.c.d)");
            }
        }
        if (octets != 4) {
            throw new IllegalArgumentException("IPv4 address: '" + text + "' (expected: a.b.c.d)");
        }
        return value;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** Unsigned comparison, so that 198.18.0.0 sorts below 224.0.0.0. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }
}
