package io.wanlab.core.net;

/** An IPv4 prefix such as 198.18.1.0/24; the address is stored with host bits cleared. */
public record Ipv4Prefix(int address, int length) {
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length: " + length + " (expected: 0..32)");
        }
        address &= mask(length);
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** Parses {@code a.b.c.d/n} or a bare address (a /32). */
    public static Ipv4Prefix parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 prefix: null (expected: a.b.c.d/n)");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Ipv4Prefix(Ipv4.parse(text), 32);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IPv4 prefix: '" + text + "' (expected: a.b.c.d/n with n 0..32)");
        }
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix: '" + text + "' (expected: a.b.c.d/n with n 0..32)");
        }
        return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), length);
    }

    public boolean contains(int ip) {
        return (ip & mask(length)) == address;
    }

    public int first() {
        return address;
    }

    public int last() {
        return address | ~mask(length);
    }

    public boolean overlaps(Ipv4Prefix other) {
        int shorter = Math.min(length, other.length);
        return (address & mask(shorter)) == (other.address & mask(shorter));
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + length;
    }
}
