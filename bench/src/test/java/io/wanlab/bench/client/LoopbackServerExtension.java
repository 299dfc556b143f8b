package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A raw TCP server on 127.0.0.1, any free port, that treats every connection with one {@link Behaviour} on its own
 * virtual thread: the misbehaving peers the client must classify (a reset on the ClientHello, silence, a reset after
 * the handshake). Plain java.net sockets, so a reset is exactly {@code setSoLinger(true, 0)} and close. It starts on
 * {@link #start}; after the test it stops and fails the test on any exception a behaviour did not expect.
 */
final class LoopbackServerExtension implements AfterEachCallback {
    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    InetSocketAddress start(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.add(Thread.ofVirtual().name("loopback-accept").start(() -> acceptLoop(behaviour)));
        return address();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            threads.add(Thread.ofVirtual().name("loopback-conn").start(() -> {
                try (socket) {
                    behaviour.serve(socket);
                } catch (Throwable e) {
                    if (!server.isClosed()) {
                        errors.add(e);
                    }
                }
            }));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (server == null) {
            return;
        }
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5000);
        }
        assertThat(errors).as("the loopback server's behaviour met no unexpected exception").isEmpty();
    }

    // ---- behaviours ----

    /** The seed's failure: accept, wait for the first bytes (the ClientHello), answer with a TCP RST. */
    static Behaviour resetOnClientHello() {
        return socket -> {
            awaitBytes(socket.getInputStream(), 1);
            reset(socket);
        };
    }

    /** Accept, wait for the ClientHello, close cleanly (a FIN, no TLS alert). */
    static Behaviour closeOnClientHello() {
        return socket -> {
            awaitBytes(socket.getInputStream(), 1);
            socket.shutdownOutput();
            drain(socket.getInputStream());
        };
    }

    /** Accept and never say anything; read until the client gives up. */
    static Behaviour silent() {
        return socket -> drain(socket.getInputStream());
    }

    /** Answer the ClientHello with plain HTTP, as a server without TLS would. */
    static Behaviour plainHttp() {
        return socket -> {
            awaitBytes(socket.getInputStream(), 1);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            drain(socket.getInputStream());
        };
    }

    /** Complete the TLS handshake, read the request, then reset: the client must see a reset after the handshake. */
    static Behaviour tlsThenResetOnRequest(SSLContext tls) {
        return socket -> {
            SSLSocket layered = serverTls(tls, socket);
            awaitBytes(layered.getInputStream(), 1);
            reset(socket);
        };
    }

    /** Complete TLS, send a response head promising 1000 bytes and 10 of them, then reset. */
    static Behaviour tlsPartialResponseThenReset(SSLContext tls) {
        return socket -> {
            SSLSocket layered = serverTls(tls, socket);
            awaitBytes(layered.getInputStream(), 1);
            OutputStream out = layered.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Let the bytes reach the client before the RST discards anything still queued.
            Thread.sleep(100);
            reset(socket);
        };
    }

    /** Complete TLS, read the request, close the TCP connection cleanly (FIN, no close_notify, no response). */
    static Behaviour tlsThenCloseOnRequest(SSLContext tls) {
        return socket -> {
            SSLSocket layered = serverTls(tls, socket);
            awaitBytes(layered.getInputStream(), 1);
            socket.shutdownOutput();
            drain(socket.getInputStream());
        };
    }

    private static SSLSocket serverTls(SSLContext tls, Socket socket) throws IOException {
        // Layered without autoClose: closing the plain socket ourselves is what lets us choose FIN or RST.
        SSLSocket layered = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, false);
        layered.setUseClientMode(false);
        layered.startHandshake();
        return layered;
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void awaitBytes(InputStream in, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            if (in.read() < 0) {
                throw new IOException("client closed before sending " + count + " bytes");
            }
        }
    }

    /** Reads until end of stream; a reset by the client or our own close at the end of the test ends it too. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (SocketException e) {
            // The client resetting or the fixture closing the socket: both are the end of this conversation.
        }
    }
}
