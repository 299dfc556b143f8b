package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.wanlab.server.ca.LabCa;
import io.wanlab.server.ca.SniCertificateMinter;
import io.wanlab.server.ca.TlsContexts;
import io.wanlab.server.ca.TlsVersion;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import javax.net.ssl.SSLException;

/**
 * TLS inspection proper (DESIGN 4.2): the proxy terminates the client's TLS with a certificate
 * the PoP's inspection CA mints for the client's SNI, and opens its own TLS to the real server,
 * trusting the sites' CA. Immutable; the minter's cache is thread-safe.
 */
public final class TlsInspector {
    /** The name a certificate is minted for when the client sends no usable SNI. */
    static final String FALLBACK_NAME = "pop.wanlab.lab";

    private final SniCertificateMinter minter;
    private final SslContext upstream;

    private TlsInspector(SniCertificateMinter minter, SslContext upstream) {
        this.minter = minter;
        this.upstream = upstream;
    }

    /** Mints with {@code inspection} (the PoP's own CA); trusts {@code servers} (the sites' CA) on the server leg. */
    public static TlsInspector fromCas(LabCa inspection, LabCa servers) throws SSLException {
        requireNonNull(inspection, "inspection");
        requireNonNull(servers, "servers");
        SniCertificateMinter minter = new SniCertificateMinter(inspection, FALLBACK_NAME, TlsVersion.ALL, 256);
        // Mints on the event loop, in the client's handshake: the first mint of a cold JVM (Bouncy
        // Castle, key generation, the JDK's TLS) took seconds on a busy host, so pay it at start-up,
        // on a thread of its own: the PoP's links and readiness do not wait for it (the minter's
        // cache is thread-safe; a handshake that comes first mints for itself).
        Thread warm = new Thread(() -> minter.mint(FALLBACK_NAME), "inspection-warm-up");
        warm.setDaemon(true);
        warm.start();
        return new TlsInspector(minter, TlsContexts.client(List.of(servers.certificate()), TlsVersion.ALL, minter.provider()));
    }

    /** One CA for both (tests). */
    public static TlsInspector fromCa(LabCa ca) throws SSLException {
        return fromCas(ca, ca);
    }

    /**
     * {@code "inspection": {"tls-provider", "mint-cache-hits", "mints", "mint-ms"}} for the PoP's status: which TLS
     * implementation both legs run on, and whether client handshakes were served from the minted cache or paid for a mint.
     */
    void writeStatus(JsonGenerator g) {
        SniCertificateMinter.Stats s = minter.stats();
        g.writeObjectPropertyStart("inspection").writeStringProperty("tls-provider", minter.provider().label())
                .writeNumberProperty("mint-cache-hits", s.hits()).writeNumberProperty("mints", s.mints())
                .writeNumberProperty("mint-ms", s.mintNanos() / 1_000_000).writeEndObject();
    }

    SniCertificateMinter minter() {
        return minter;
    }

    SslContext upstream() {
        return upstream;
    }
}
