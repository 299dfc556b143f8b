package io.wanlab.core.appid;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** Real ClientHellos, as the JDK's own TLS client writes them: the bytes of its first wrap(). */
final class JdkClientHellos {
    private JdkClientHellos() {}

    /** The TLS records of a default client's first flight, with SNI {@code serverName} (none when null) and ALPN {@code alpn}. */
    static byte[] clientHello(String serverName, String... alpn) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            SSLEngine engine = ctx.createSSLEngine();
            engine.setUseClientMode(true);
            SSLParameters params = engine.getSSLParameters();
            params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            params.setApplicationProtocols(alpn);
            engine.setSSLParameters(params);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            engine.closeOutbound();
            return bytes;
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("JDK TLS client could not write a ClientHello", e);
        }
    }
}
