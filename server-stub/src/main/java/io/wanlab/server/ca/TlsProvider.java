package io.wanlab.server.ca;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation runs under Netty's {@code SslHandler} on the lab's TLS endpoints (the server stub, both legs
 * of the PoP's inspection): OpenSSL (BoringSSL from {@code netty-tcnative-boringssl-static}) when its native library
 * loads, else the JDK's. OpenSSL is the default because the JDK's handshakes cost several times the CPU and the
 * endpoints, not the lab's path, would then be what a handshake benchmark measures. The choice is made per JVM:
 * {@value #PROPERTY} (a system property), else the environment variable {@value #ENV} (which node processes inherit),
 * each {@code auto}, {@code jdk} or {@code openssl}; unset is {@code auto}.
 */
public enum TlsProvider {
    JDK,
    OPENSSL;

    public static final String PROPERTY = "wanlab.tls.provider";
    public static final String ENV = "WANLAB_TLS_PROVIDER";

    /** The word the command line, the property and the status documents use: {@code jdk}, {@code openssl}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    SslProvider netty() {
        return this == JDK ? SslProvider.JDK : SslProvider.OPENSSL;
    }

    /** The provider this JVM's settings ask for; throws {@link IllegalStateException} when OpenSSL is asked for and cannot load. */
    public static TlsProvider current() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV), OpenSsl.isAvailable(),
                OpenSsl.isAvailable() ? null : OpenSsl.unavailabilityCause());
    }

    /**
     * The property wins over the environment; {@code auto} (or neither set) takes OpenSSL when it is available.
     * {@code unavailable}: why OpenSSL cannot load (for the message), null when it can.
     */
    static TlsProvider resolve(String property, String environment, boolean openSslAvailable, Throwable unavailable) {
        String where = property != null && !property.isBlank() ? "-D" + PROPERTY : ENV;
        String setting = property != null && !property.isBlank() ? property : environment;
        String word = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "auto" -> openSslAvailable ? OPENSSL : JDK;
            case "jdk" -> JDK;
            case "openssl" -> {
                if (!openSslAvailable) {
                    throw new IllegalStateException(where + "=openssl, but OpenSSL (netty-tcnative) does not load here: "
                            + (unavailable == null ? "unknown reason" : unavailable.getMessage()) + " (use jdk or auto)");
                }
                yield OPENSSL;
            }
            default -> throw new IllegalArgumentException(where + ": '" + setting + "' (expected: auto, jdk or openssl)");
        };
    }

    /** Parses a command-line word ({@code jdk}, {@code openssl}); for picocli converters. */
    public static TlsProvider fromLabel(String label) {
        String word = label.strip().toLowerCase(Locale.ROOT);
        for (TlsProvider p : values()) {
            if (p.label().equals(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("TLS provider: '" + label + "' (expected: jdk or openssl)");
    }
}
