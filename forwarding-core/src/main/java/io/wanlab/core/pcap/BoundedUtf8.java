package io.wanlab.core.pcap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/** UTF-8 encoding with an upper bound that never cuts a character in half. */
final class BoundedUtf8 {
    private static final byte[] ELLIPSIS = {'.', '.', '.'};

    private BoundedUtf8() {
    }

    /**
     * Encodes {@code text}; if it needs more than {@code maxBytes}, keeps the longest prefix of whole
     * characters that leaves room for "..." and appends it, so a reader sees that it was cut.
     * Unpaired surrogates become '?', as with {@link String#getBytes}.
     */
    static byte[] encode(String text, int maxBytes) {
        byte[] bytes = text.getBytes(UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int cut = maxBytes - ELLIPSIS.length;
        // A continuation byte (10xxxxxx) at the cut means a character straddles it: drop that character.
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        byte[] truncated = Arrays.copyOf(bytes, cut + ELLIPSIS.length);
        System.arraycopy(ELLIPSIS, 0, truncated, cut, ELLIPSIS.length);
        return truncated;
    }
}
