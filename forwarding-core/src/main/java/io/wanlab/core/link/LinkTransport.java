package io.wanlab.core.link;

import java.util.Locale;

/** What carries a link's frames over the underlay: a TCP stream (length-framed) or UDP datagrams (one frame each). */
public enum LinkTransport {
    TCP,
    UDP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinkTransport fromLabel(String label) {
        for (LinkTransport t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("link transport: '" + label + "' (expected: tcp or udp)");
    }
}
