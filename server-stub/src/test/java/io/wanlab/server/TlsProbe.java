package io.wanlab.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A plain JDK TLS client for tests of the stub, independent of the stub's own Netty code: connects to an address,
 * sends SNI and checks the certificate for a host name, and reads HTTP/1.1 responses by Content-Length.
 */
final class TlsProbe implements AutoCloseable {
    record Response(String statusLine, String headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        boolean hasHeader(String name, String value) {
            return headers.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
        }
    }

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsProbe(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TlsProbe connect(InetSocketAddress server, String host, X509Certificate ca, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        Socket plain = new Socket();
        plain.connect(server, 2000);
        plain.setSoTimeout(5000);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, server.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(host)));
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new TlsProbe(socket);
    }

    SSLSocket socket() {
        return socket;
    }

    void send(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    Response get(String path, String host, boolean close) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n");
        return read();
    }

    /** One response: headers up to the blank line, then Content-Length bytes of body. */
    Response read() throws IOException {
        return read(false);
    }

    /** One response to a HEAD request: Content-Length says what a GET would carry, but no body follows. */
    Response readHead() throws IOException {
        return read(true);
    }

    private Response read(boolean headRequest) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.size() + " header bytes: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int firstLine = text.indexOf("\r\n");
        String headers = text.substring(firstLine + 2);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        byte[] body = headRequest ? new byte[0] : in.readNBytes(length);
        return new Response(text.substring(0, firstLine), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** True when the server closed the connection (a TLS close or a TCP FIN) within the socket timeout. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
