package io.wanlab.bench.node;

import io.wanlab.core.event.Event;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.event.JsonWriter;
import io.wanlab.core.node.StatusServer;
import io.wanlab.server.ServerStub;
import io.wanlab.server.ServerStubConfig;
import io.wanlab.server.StubEvent;
import io.wanlab.server.ca.LabCaFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wanlab node server ...}: the TLS server stub with a certificate from the run's lab CA. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the TLS server stub (lab CA from the run folder).")
public final class ServerNodeCommand implements java.util.concurrent.Callable<Integer> {
    static final String NODE = "server";

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run folder (holds ca.pem and ca-key.pem).")
    Path runDir;

    @Option(names = "--address", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String address = ServerStubConfig.LAB_ADDRESS;

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).")
    int port = ServerStubConfig.LAB_PORT;

    @Override
    public Integer call() throws IOException {
        Path dir = runDir.resolve(NODE);
        Files.createDirectories(dir);
        JsonLinesEventLog events = JsonLinesEventLog.open(dir.resolve("events.jsonl"));
        AtomicLong handshakes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        // crm.site-b.lab is the application the presets' complex rule names: the app-on-cloud flow asks for it.
        ServerStubConfig config = ServerStubConfig.defaults().withBind(ServerStubConfig.address(address, port))
                .withExtraNames(java.util.List.of("crm.site-b.lab"));
        ServerStub stub = new ServerStub(config, LabCaFiles.load(runDir), e -> {
            long now = System.currentTimeMillis();
            switch (e) {
                case StubEvent.Handshake h -> {
                    handshakes.incrementAndGet();
                    events.emit(new Event.ServerTls(now, NODE, peer(h.peer()), "handshake",
                            "sni " + h.sni() + " " + h.protocol() + " " + h.cipher() + " alpn " + h.alpn()));
                }
                case StubEvent.HandshakeFailed f -> {
                    failures.incrementAndGet();
                    events.emit(new Event.ServerTls(now, NODE, peer(f.peer()), "handshake-failed", f.reason()));
                }
                case StubEvent.Request r -> events.emit(new Event.ServerTls(now, NODE, peer(r.peer()), "request",
                        r.method() + " " + r.uri() + " -> " + r.status()));
                case StubEvent.ConnectionFailed c -> events.emit(new Event.ServerTls(now, NODE, peer(c.peer()), "connection-failed", c.reason()));
                case StubEvent.Unexpected u -> events.emit(new Event.ServerTls(now, NODE, peer(u.peer()), "unexpected", String.valueOf(u.cause())));
            }
        });
        InetSocketAddress bound = stub.start();
        events.emit(new Event.NodeReady(System.currentTimeMillis(), NODE, "server", "listening on " + bound.getAddress().getHostAddress()
                + ":" + bound.getPort() + " for " + String.join(", ", config.serverNames())));
        StatusServer status = StatusServer.start(NodeOptions.statusSocket(NODE), request -> {
            events.flush();
            return JsonWriter.write(w -> w.beginObject().field("node", NODE).field("role", "server").field("ready", true)
                    .field("listening", bound.getAddress().getHostAddress() + ":" + bound.getPort())
                    .field("handshakes", handshakes.get()).field("handshake-failures", failures.get()).endObject());
        });
        return NodeRunner.runUntilStopped(NODE, () -> {
            status.close();
            stub.close();
            events.close();
        }, new CompletableFuture<>());
    }

    private static String peer(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
