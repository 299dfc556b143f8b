package io.wanlab.bench.node;

import io.wanlab.core.event.Event;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.json.Json;
import io.wanlab.core.node.ControlRequests;
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

    @Option(names = "--lab", paramLabel = "NAME", converter = io.wanlab.bench.lab.cli.LabNameConverter.class,
            description = "The lab this node belongs to (default: ${DEFAULT-VALUE}); its status socket goes in /run/wanlab/NAME/.")
    String lab = io.wanlab.core.topo.LabNames.DEFAULT_LAB;

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
        // Events go where the latest reload says (one folder per scenario), the first to <run>/server.
        java.util.concurrent.atomic.AtomicReference<JsonLinesEventLog> log =
                new java.util.concurrent.atomic.AtomicReference<>(JsonLinesEventLog.open(dir.resolve("events.jsonl")));
        io.wanlab.core.event.EventLog events = e -> log.get().emit(e);
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
        StatusServer status = StatusServer.start(io.wanlab.core.topo.LabNames.statusSocket(lab, NODE), request -> {
            if (request.startsWith("reload")) {
                return reload(request, log);
            }
            log.get().flush();
            return Json.write(g -> g.writeStartObject().writeStringProperty("node", NODE).writeStringProperty("role", "server")
                    .writeBooleanProperty("ready", true)
                    .writeStringProperty("listening", bound.getAddress().getHostAddress() + ":" + bound.getPort())
                    .writeNumberProperty("handshakes", handshakes.get()).writeNumberProperty("handshake-failures", failures.get())
                    .writeEndObject());
        });
        return NodeRunner.runUntilStopped(NODE, () -> {
            status.close();
            stub.close();
            log.get().close();
        }, new CompletableFuture<>());
    }

    /** {@code reload ... --run-dir DIR}: the server only moves its event log; the rest of the words are the devices'. */
    private static String reload(String request, java.util.concurrent.atomic.AtomicReference<JsonLinesEventLog> log) {
        String[] words = request.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--run-dir")) {
                try {
                    JsonLinesEventLog old = log.getAndSet(JsonLinesEventLog.open(Path.of(words[i + 1]).resolve(NODE).resolve("events.jsonl")));
                    old.close();
                    return Json.write(g -> g.writeStartObject().writeBooleanProperty("ok", true).writeEndObject());
                } catch (IOException e) {
                    return ControlRequests.error(e.toString());
                }
            }
        }
        return ControlRequests.error("reload needs --run-dir DIR");
    }

    private static String peer(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
