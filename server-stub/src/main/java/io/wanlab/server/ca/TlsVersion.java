package io.wanlab.server.ca;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The TLS versions the lab speaks. Older ones are not worth reproducing the failure with. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    public static final Set<TlsVersion> ALL = Set.copyOf(EnumSet.allOf(TlsVersion.class));

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The JSSE name, as in {@code SSLSession.getProtocol()}. */
    public String protocolName() {
        return protocolName;
    }

    /** Accepts "TLSv1.3", "1.3", "tls1.3" or "TLS_1_3", case-insensitively. */
    public static TlsVersion parse(String text) {
        requireNonNull(text, "text");
        String key = text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '.').replace("tlsv", "").replace("tls", "");
        key = key.startsWith(".") ? key.substring(1) : key;
        return switch (key) {
            case "1.2" -> TLS_1_2;
            case "1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("TLS version: '" + text + "' (expected: TLSv1.2 or TLSv1.3)");
        };
    }

    static String[] protocolNames(Collection<TlsVersion> versions) {
        requireNonNull(versions, "versions");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("TLS versions: none (expected: TLSv1.2 and/or TLSv1.3)");
        }
        return EnumSet.copyOf(versions).stream().map(TlsVersion::protocolName).toArray(String[]::new);
    }
}
