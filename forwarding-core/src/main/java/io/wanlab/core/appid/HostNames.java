package io.wanlab.core.appid;

import java.nio.charset.StandardCharsets;

/**
 * Checks and normalizes the DNS names flows announce (SNI, Host): letters, digits, '-', '_' and
 * dot-separated labels of 1..63 characters, at most 253 in all, one trailing dot allowed.
 * Underscores are accepted because real services use them in names even though DNS hostnames may not.
 */
final class HostNames {
    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL = 63;

    private HostNames() {}

    /**
     * Returns why {@code bytes[offset, offset + length)} is not a host name, prefixed with
     * {@code what}, or null when it is one.
     */
    static String problem(String what, byte[] bytes, int offset, int length) {
        int len = withoutTrailingDot(bytes, offset, length);
        if (len == 0) {
            return what + ": empty";
        }
        if (len > MAX_LENGTH) {
            return what + ": length " + len + " (expected: 1.." + MAX_LENGTH + ")";
        }
        int labelStart = 0;
        for (int i = 0; i <= len; i++) {
            if (i == len || bytes[offset + i] == '.') {
                int label = i - labelStart;
                if (label == 0) {
                    return what + ": empty label at index " + i;
                }
                if (label > MAX_LABEL) {
                    return what + ": label of " + label + " characters at index " + labelStart
                            + " (expected: 1.." + MAX_LABEL + ")";
                }
                labelStart = i + 1;
                continue;
            }
            int c = bytes[offset + i] & 0xff;
            if (!isNameChar(c)) {
                return what + ": invalid character 0x" + hex2(c) + " at index " + i;
            }
        }
        return null;
    }

    /** The lower-cased name without its trailing dot; call only after {@link #problem} returned null. */
    static String normalize(byte[] bytes, int offset, int length) {
        int len = withoutTrailingDot(bytes, offset, length);
        byte[] lower = new byte[len];
        for (int i = 0; i < len; i++) {
            byte b = bytes[offset + i];
            lower[i] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        }
        return new String(lower, StandardCharsets.US_ASCII);
    }

    static String hex2(int b) {
        return String.format("%02x", b);
    }

    private static int withoutTrailingDot(byte[] bytes, int offset, int length) {
        return length > 1 && bytes[offset + length - 1] == '.' ? length - 1 : length;
    }

    private static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
