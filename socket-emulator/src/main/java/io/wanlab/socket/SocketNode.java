package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.event.JsonWriter;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.link.Frame;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.link.LinkListener;
import io.wanlab.core.link.NodeTransport;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.node.Tap;
import io.wanlab.core.node.TunReader;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.core.topo.LinkEnd;
import io.wanlab.core.topo.TunPlan;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Socket process: LAN TUN on one side, links to the PoP and the peer Socket on the other,
 * {@link FlowSteering} in between. One event loop owns everything (flows, links, taps); the TUN
 * reader thread hands it batches.
 */
public final class SocketNode implements LinkListener, AutoCloseable {
    private final SocketNodeConfig config;
    private final TunDevice tun;
    private final NodeTransport transport = NodeTransport.best();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final JsonLinesEventLog events;
    private final FlowSteering steering;
    private final LinkEndpoint[] endpoints;
    private final Tap lanTap;
    private final Tap[] linkTaps;
    private final TunReader reader;
    private final StatusServer status;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final CaptureComments comments;
    private long tunWriteDrops;
    private long refused;

    private SocketNode(SocketNodeConfig config, TunDevice tun) throws IOException {
        this.config = config;
        this.tun = tun;
        Files.createDirectories(config.runDir());
        this.group = transport.newGroup(1);
        this.loop = group.next();
        this.events = JsonLinesEventLog.open(config.runDir().resolve("events.jsonl"));
        SocketLinks links = SocketLinks.of(config.lab(), config.node());
        this.steering = new FlowSteering(config.node(), RuleEngine.compile(config.lab()),
                new FlowTable(FlowTableConfig.defaults().withCapacity(1 << 16)), links, events, System::nanoTime);
        this.comments = new CaptureComments(config.lab());
        this.endpoints = new LinkEndpoint[links.size()];
        this.linkTaps = new Tap[links.size()];
        for (LinkEnd end : config.topology().linksOf(config.node())) {
            int i = links.indexOf(end.link());
            endpoints[i] = new LinkEndpoint(i, config.node(), end, config.auth(), this, loop, transport);
            linkTaps[i] = config.capture() ? Tap.open(config.runDir().resolve(config.node() + "-" + end.link() + ".pcapng"),
                    config.node() + ":" + end.link(), end.kind().label() + " link to " + end.peer()) : null;
        }
        this.lanTap = config.capture() ? Tap.open(config.runDir().resolve(config.node() + "-lan.pcapng"),
                config.node() + ":lan", "LAN side (TUN " + tun.name() + ")") : null;
        this.reader = new TunReader(tun, loop, PooledByteBufAllocator.DEFAULT, this::onLanBatch, this::fail);
        this.status = StatusServer.start(config.statusSocket(), this::answer);
    }

    /** Opens the TUN named by the topology (created by the orchestrator) and starts everything. */
    public static SocketNode start(SocketNodeConfig config, Function<TunPlan, TunDevice> openTun) throws IOException {
        requireNonNull(config, "config");
        TunPlan plan = config.topology().tunOf(config.node()).orElseThrow(() -> new IllegalArgumentException(
                "node '" + config.node() + "': no TUN in the topology (expected: a socket node)"));
        TunDevice tun = openTun.apply(plan);
        SocketNode node = new SocketNode(config, tun);
        for (LinkEndpoint e : node.endpoints) {
            e.start();
        }
        node.reader.start();
        // Captures are read while the lab runs (Wireshark, evidence): flush them every second.
        node.loop.scheduleAtFixedRate(node::flushTaps, 1, 1, TimeUnit.SECONDS);
        node.events.emit(new Event.NodeReady(System.currentTimeMillis(), config.node(), "socket",
                "tun " + tun.name() + " mtu " + tun.mtu() + ", " + node.endpoints.length + " links, transport " + node.transport.name()));
        return node;
    }

    /** Completes with a reason if the data plane fails (the TUN reader dies). */
    public CompletableFuture<String> failed() {
        return failed;
    }

    private void fail(Throwable t) {
        failed.complete("TUN reader failed: " + t);
    }

    private void onLanBatch(TunReader.Batch batch) {
        ByteBuf[] packets = batch.packets();
        for (int i = 0; i < batch.size(); i++) {
            ByteBuf p = packets[i];
            int link = steering.fromLan(p);
            if (lanTap != null) {
                lanTap.write(p, comments.lan(steering, link));
            }
            if (link < 0) {
                p.release();
                continue;
            }
            if (linkTaps[link] != null) {
                linkTaps[link].write(p, comments.out(steering));
            }
            endpoints[link].write(p);
        }
        for (LinkEndpoint e : endpoints) {
            e.flush();
        }
    }

    @Override
    public void packets(int link, Frame.Data data) {
        endpoints[link].countReceived(data.count());
        for (int i = 0; i < data.count(); i++) {
            ByteBuf p = data.packet(i);
            int verdict = steering.fromLink(p, link);
            if (linkTaps[link] != null) {
                linkTaps[link].write(p, comments.in(steering, verdict));
            }
            if (verdict != FlowSteering.TO_LAN) {
                continue;
            }
            if (lanTap != null) {
                lanTap.write(p, comments.in(steering, verdict));
            }
            try {
                if (!tun.write(p)) {
                    tunWriteDrops++;
                }
            } catch (IOException e) {
                tunWriteDrops++;
            }
        }
    }

    @Override
    public void linkUp(int link, String peer) {
        steering.links().setUp(link, true);
        events.emit(new Event.LinkUp(System.currentTimeMillis(), config.node(), steering.links().link(link).name(), peer));
    }

    @Override
    public void linkDown(int link, String reason) {
        steering.links().setUp(link, false);
        events.emit(new Event.LinkDown(System.currentTimeMillis(), config.node(), steering.links().link(link).name(), reason));
    }

    @Override
    public void refused(int link, String reason) {
        refused++;
        events.emit(new Event.PacketDropped(System.currentTimeMillis(), config.node(), "link-refused", reason));
    }

    /** Status requests arrive on the status thread; the answer is built on the event loop. */
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

    private boolean ready() {
        for (LinkEndpoint e : endpoints) {
            if (!e.isUp()) {
                return false;
            }
        }
        return tun.isOpen();
    }

    private void flushTaps() {
        for (Tap t : linkTaps) {
            if (t != null) {
                t.flush();
            }
        }
        if (lanTap != null) {
            lanTap.flush();
        }
    }

    private String statusJson() {
        flushTaps();
        events.flush();
        return JsonWriter.write(w -> {
            w.beginObject().field("node", config.node()).field("role", "socket").field("ready", ready())
                    .field("transport", transport.name()).field("tun-write-drops", tunWriteDrops).field("refused", refused);
            w.name("counters").beginObject();
            for (Map.Entry<String, Long> c : steering.counters().snapshot().entrySet()) {
                w.field(c.getKey(), c.getValue());
            }
            w.endObject();
            w.name("drops").beginObject();
            steering.drops().snapshot().forEach((reason, count) -> w.field(reason.name().toLowerCase().replace('_', '-'), count));
            w.endObject();
            w.name("links").beginArray();
            for (LinkEndpoint e : endpoints) {
                w.beginObject().field("name", e.end().link()).field("kind", e.end().kind().label()).field("peer", e.end().peer())
                        .field("up", e.isUp()).field("sent", e.sentPackets()).field("received", e.receivedPackets())
                        .field("dropped", e.dropped()).endObject();
            }
            w.endArray();
            w.name("flows").beginArray();
            FlowStatus.write(steering, w, 200);
            w.endArray();
            w.endObject();
        });
    }

    @Override
    public void close() {
        reader.stop();
        status.close();
        for (LinkEndpoint e : endpoints) {
            e.stop();
        }
        try {
            loop.submit(() -> {
                for (Tap t : linkTaps) {
                    if (t != null) {
                        t.close();
                    }
                }
                if (lanTap != null) {
                    lanTap.close();
                }
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway: the taps flush on close and a stuck loop is being shut down next.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        tun.close();
        try {
            events.close();
        } catch (IOException e) {
            // The event log reports its own failures; nothing more to do at shutdown.
        }
    }
}
