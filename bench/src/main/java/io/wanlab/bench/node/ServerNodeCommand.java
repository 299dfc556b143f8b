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
    static final String DEFAULT_NODE = "server";
    /** The name the seed's complex rule names: the app-on-cloud flow asks for it. */
    static final String SEED_APPLICATION = "crm.site-b.lab";

    @Option(names = "--node", paramLabel = "HOST", description = "The host node this stub runs on (default: ${DEFAULT-VALUE}).")
    String node = DEFAULT_NODE;

    @Option(names = "--server-name", paramLabel = "NAME", description = "A name for the certificate (repeatable; "
            + "default: app.site-b.lab and crm.site-b.lab).")
    java.util.List<String> serverNames;

    @Option(names = "--lab", paramLabel = "NAME", converter = io.wanlab.bench.lab.cli.LabNameConverter.class,
            description = "The lab this node belongs to (default: ${DEFAULT-VALUE}); its status socket goes in /run/wanlab/NAME/.")
    String lab = io.wanlab.core.topo.LabNames.DEFAULT_LAB;

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run folder (holds ca.pem and ca-key.pem).")
    Path runDir;

    @Option(names = "--address", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String address = ServerStubConfig.LAB_ADDRESS;

    @Option(names = "--port", description = "Port to listen on (repeatable; default: 443).")
    java.util.List<Integer> ports;

    @Option(names = "--leak-detection", paramLabel = "LEVEL",
            description = "Netty's buffer leak detection: ${COMPLETION-CANDIDATES} (default: Netty's own).")
    io.netty.util.ResourceLeakDetector.Level leakDetection;

    @Override
    public Integer call() throws IOException {
        LeakHunting.apply(leakDetection);
        final String nodeName = node;
        Path dir = runDir.resolve(nodeName);
        Files.createDirectories(dir);
        // Events go where the latest reload says (one folder per scenario), the first to <run>/server.
        java.util.concurrent.atomic.AtomicReference<JsonLinesEventLog> log =
                new java.util.concurrent.atomic.AtomicReference<>(JsonLinesEventLog.open(dir.resolve("events.jsonl")));
        io.wanlab.core.event.EventLog events = e -> log.get().emit(e);
        AtomicLong handshakes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        java.util.List<Integer> listen = ports == null || ports.isEmpty() ? java.util.List.of(ServerStubConfig.LAB_PORT) : ports;
        ServerStubConfig base = serverNames == null || serverNames.isEmpty()
                ? ServerStubConfig.defaults().withExtraNames(java.util.List.of(SEED_APPLICATION))
                : ServerStubConfig.defaults().withNames(serverNames);
        io.wanlab.server.ca.LabCa ca = LabCaFiles.load(runDir);
        io.wanlab.server.StubListener listener = e -> {
            long now = System.currentTimeMillis();
            switch (e) {
                case StubEvent.Handshake h -> {
                    handshakes.incrementAndGet();
                    events.emit(new Event.ServerTls(now, nodeName, peer(h.peer()), "handshake",
                            "sni " + h.sni() + " " + h.protocol() + " " + h.cipher() + " alpn " + h.alpn()));
                }
                case StubEvent.HandshakeFailed f -> {
                    failures.incrementAndGet();
                    events.emit(new Event.ServerTls(now, nodeName, peer(f.peer()), "handshake-failed", f.reason()));
                }
                case StubEvent.Request r -> events.emit(new Event.ServerTls(now, nodeName, peer(r.peer()), "request",
                        r.method() + " " + r.uri() + " -> " + r.status()));
                case StubEvent.ConnectionFailed c -> events.emit(new Event.ServerTls(now, nodeName, peer(c.peer()), "connection-failed", c.reason()));
                case StubEvent.Unexpected u -> events.emit(new Event.ServerTls(now, nodeName, peer(u.peer()), "unexpected", String.valueOf(u.cause())));
            }
        };
        java.util.List<ServerStub> stubs = new java.util.ArrayList<>();
        java.util.List<String> boundText = new java.util.ArrayList<>();
        for (int port : listen) {
            ServerStub stub = new ServerStub(base.withBind(ServerStubConfig.address(address, port)), ca, listener);
            stubs.add(stub);
            InetSocketAddress bound = stub.start();
            boundText.add(bound.getAddress().getHostAddress() + ":" + bound.getPort());
        }
        String listening = String.join(", ", boundText);
        events.emit(new Event.NodeReady(System.currentTimeMillis(), nodeName, "server", "listening on " + listening
                + " for " + String.join(", ", base.serverNames())));
        StatusServer status = StatusServer.start(io.wanlab.core.topo.LabNames.statusSocket(lab, nodeName), request -> {
            if (request.startsWith("reload")) {
                return reload(nodeName, request, log);
            }
            log.get().flush();
            return Json.write(g -> {
                g.writeStartObject().writeStringProperty("node", nodeName).writeStringProperty("role", "server")
                        .writeBooleanProperty("ready", true)
                        .writeStringProperty("listening", listening)
                        .writeStringProperty("tls-provider", io.wanlab.server.ca.TlsProvider.current().label())
                        .writeNumberProperty("handshakes", handshakes.get()).writeNumberProperty("handshake-failures", failures.get());
                io.wanlab.core.node.NodeMemory.now().write(g);
                g.writeEndObject();
            });
        });
        return NodeRunner.runUntilStopped(nodeName, () -> {
            status.close();
            stubs.forEach(ServerStub::close);
            log.get().close();
        }, new CompletableFuture<>());
    }

    /** {@code reload ... --run-dir DIR}: the server only moves its event log; the rest of the words are the devices'. */
    private static String reload(String nodeName, String request, java.util.concurrent.atomic.AtomicReference<JsonLinesEventLog> log) {
        String[] words = request.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--run-dir")) {
                try {
                    JsonLinesEventLog old = log.getAndSet(JsonLinesEventLog.open(Path.of(words[i + 1]).resolve(nodeName).resolve("events.jsonl")));
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
