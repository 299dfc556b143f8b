package io.wanlab.core.packet;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Real TLS ClientHellos for tests, benchmarks and the in-memory scenario: the JDK's own TLS
 * client writes them, so they carry the extensions a real client sends (key shares, ALPN, SNI).
 */
public final class ClientHellos {
    private ClientHellos() {
    }

    /** The first flight of a JDK TLS client to {@code serverName}, as the bytes on the wire (one or more TLS records). */
    public static byte[] jdk(String serverName, String... alpn) {
        requireNonNull(serverName, "serverName");
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            SSLEngine engine = ctx.createSSLEngine(serverName, 443);
            engine.setUseClientMode(true);
            SSLParameters params = engine.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(serverName)));
            if (alpn.length > 0) {
                params.setApplicationProtocols(alpn);
            }
            engine.setSSLParameters(params);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (SSLException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not produce a ClientHello for " + serverName, e);
        }
    }
}
