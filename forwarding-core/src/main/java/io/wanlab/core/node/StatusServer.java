package io.wanlab.core.node;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A node's control socket: a Unix domain socket that takes one request line and answers one
 * JSON document, then closes. Requests are answered by {@code handler} (which hops to the
 * node's event loop itself). A daemon thread serves one client at a time; lines over 4 KiB are
 * refused.
 */
public final class StatusServer implements AutoCloseable {
    static final int MAX_REQUEST = 4096;

    private final Path path;
    private final ServerSocketChannel server;
    private final Function<String, String> handler;
    private final Thread thread;

    private StatusServer(Path path, ServerSocketChannel server, Function<String, String> handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.thread = new Thread(this::serve, "status-" + path.getFileName());
        this.thread.setDaemon(true);
    }

    public static StatusServer start(Path path, Function<String, String> handler) throws IOException {
        requireNonNull(path, "path");
        requireNonNull(handler, "handler");
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        StatusServer s = new StatusServer(path, server, handler);
        s.thread.start();
        return s;
    }

    /** Asks a node: one request line, the whole answer. */
    public static String ask(Path path, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
                if (out.size() > (16 << 20)) {
                    throw new IOException("status answer from " + path + " exceeds 16 MiB");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                String request = readLine(client);
                String answer;
                try {
                    answer = request == null ? "{\"error\":\"request line over " + MAX_REQUEST + " bytes\"}" : handler.apply(request.trim());
                } catch (RuntimeException e) {
                    answer = "{\"error\":\"" + e.toString().replace("\"", "'") + "\"}";
                }
                client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_REQUEST + 1);
        while (buf.hasRemaining()) {
            int n = client.read(buf);
            if (n < 0) {
                break;
            }
            for (int i = buf.position() - n; i < buf.position(); i++) {
                if (buf.get(i) == '\n') {
                    return new String(buf.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
        }
        if (!buf.hasRemaining()) {
            return null;
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing to do: the socket file is under the lab's own run folder.
        }
    }
}
