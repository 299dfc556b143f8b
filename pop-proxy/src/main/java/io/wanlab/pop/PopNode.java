package io.wanlab.pop;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.event.JsonWriter;
import io.wanlab.core.link.Frame;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.link.LinkListener;
import io.wanlab.core.link.NodeTransport;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.node.Tap;
import io.wanlab.core.topo.LinkEnd;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * The PoP process: terminates every Socket's cato tunnel (only the Sockets the lab file names,
 * authenticated) and routes inner packets by destination site. In this version every flow is
 * passed through; {@link #packets} is where a flow is handed to the TCP proxy instead.
 */
public final class PopNode implements LinkListener, AutoCloseable {
    private final PopNodeConfig config;
    private final NodeTransport transport = NodeTransport.best();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final JsonLinesEventLog events;
    private final PopRouter router;
    private final LinkEndpoint[] endpoints;
    private final Tap[] taps;
    private final StatusServer status;
    private long refused;
    private long dropped;

    private PopNode(PopNodeConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.runDir());
        this.group = transport.newGroup(1);
        this.loop = group.next();
        this.events = JsonLinesEventLog.open(config.runDir().resolve("events.jsonl"));
        this.router = PopRouter.of(config.lab());
        this.endpoints = new LinkEndpoint[router.links().size()];
        this.taps = new Tap[router.links().size()];
        for (LinkEnd end : config.topology().linksOf(PopNodeConfig.NODE)) {
            int i = router.indexOf(end.link());
            if (i < 0) {
                continue;
            }
            endpoints[i] = new LinkEndpoint(i, PopNodeConfig.NODE, end, config.auth(), this, loop, transport);
            taps[i] = config.capture() ? Tap.open(config.runDir().resolve("pop-" + end.link() + ".pcapng"),
                    "pop:" + end.link(), "cato tunnel to " + end.peer()) : null;
        }
        this.status = StatusServer.start(config.statusSocket(), this::answer);
    }

    public static PopNode start(PopNodeConfig config) throws IOException {
        requireNonNull(config, "config");
        PopNode node = new PopNode(config);
        for (LinkEndpoint e : node.endpoints) {
            e.start();
        }
        // Captures are read while the lab runs (Wireshark, evidence): flush them every second.
        node.loop.scheduleAtFixedRate(node::flushTaps, 1, 1, TimeUnit.SECONDS);
        node.events.emit(new Event.NodeReady(System.currentTimeMillis(), PopNodeConfig.NODE, "pop",
                node.endpoints.length + " tunnels, TLS inspection " + (config.lab().account().tlsInspection() ? "on" : "off")
                        + " (pass-through: no TCP proxy in this version)"));
        return node;
    }

    @Override
    public void packets(int link, Frame.Data data) {
        endpoints[link].countReceived(data.count());
        for (int i = 0; i < data.count(); i++) {
            ByteBuf p = data.packet(i);
            int out = router.route(p);
            if (taps[link] != null) {
                taps[link].write(p, out < 0 ? "dropped: no site for destination" : "in, routed to " + router.links().get(out).name());
            }
            if (out < 0) {
                dropped++;
                continue;
            }
            if (taps[out] != null) {
                taps[out].write(p, "out, pass-through from " + router.links().get(link).name());
            }
            endpoints[out].write(p.retain());
        }
        for (LinkEndpoint e : endpoints) {
            e.flush();
        }
    }

    @Override
    public void linkUp(int link, String peer) {
        events.emit(new Event.LinkUp(System.currentTimeMillis(), PopNodeConfig.NODE, router.links().get(link).name(), peer));
    }

    @Override
    public void linkDown(int link, String reason) {
        events.emit(new Event.LinkDown(System.currentTimeMillis(), PopNodeConfig.NODE, router.links().get(link).name(), reason));
    }

    @Override
    public void refused(int link, String reason) {
        refused++;
        events.emit(new Event.PacketDropped(System.currentTimeMillis(), PopNodeConfig.NODE, "tunnel-refused", reason));
    }

    private String answer(String request) {
        if (!request.equals("status")) {
            return JsonWriter.write(w -> w.beginObject().field("error", "unknown request '" + request + "' (expected: status)").endObject());
        }
        try {
            return loop.submit(this::statusJson).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return JsonWriter.write(w -> w.beginObject().field("error", "status: " + e).endObject());
        }
    }

    private void flushTaps() {
        for (Tap t : taps) {
            if (t != null) {
                t.flush();
            }
        }
    }

    private String statusJson() {
        flushTaps();
        events.flush();
        boolean ready = true;
        for (LinkEndpoint e : endpoints) {
            ready &= e.isUp();
        }
        boolean allUp = ready;
        return JsonWriter.write(w -> {
            w.beginObject().field("node", PopNodeConfig.NODE).field("role", "pop").field("ready", allUp)
                    .field("transport", transport.name())
                    .field("tls-inspection", config.lab().account().tlsInspection())
                    .field("mode", "pass-through")
                    .field("routed", router.routed()).field("no-site", router.noSite())
                    .field("dropped", dropped).field("tunnels-refused", refused);
            w.name("drops").beginObject();
            router.drops().snapshot().forEach((reason, count) -> w.field(reason.name().toLowerCase().replace('_', '-'), count));
            w.endObject();
            w.name("links").beginArray();
            for (LinkEndpoint e : endpoints) {
                w.beginObject().field("name", e.end().link()).field("peer", e.end().peer()).field("up", e.isUp())
                        .field("sent", e.sentPackets()).field("received", e.receivedPackets()).field("dropped", e.dropped()).endObject();
            }
            w.endArray().endObject();
        });
    }

    @Override
    public void close() {
        status.close();
        for (LinkEndpoint e : endpoints) {
            e.stop();
        }
        try {
            loop.submit(() -> {
                for (Tap t : taps) {
                    if (t != null) {
                        t.close();
                    }
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Shutting down regardless; taps flush on close.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            events.close();
        } catch (IOException e) {
            // Reported by the log itself.
        }
    }
}
