package io.wanlab.socket;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.wanlab.core.event.Event;
import io.wanlab.core.json.Json;
import io.wanlab.core.link.Frame;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.link.LinkListener;
import io.wanlab.core.link.LinkRefusal;
import io.wanlab.core.link.NodeTransport;
import io.wanlab.core.packet.PathCounters;
import io.wanlab.core.node.ControlRequests;
import io.wanlab.core.node.KernelCounters;
import io.wanlab.core.node.LinkControl;
import io.wanlab.core.node.NodeMemory;
import io.wanlab.core.node.Reload;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.node.TunIngress;
import io.wanlab.core.node.TunReader;
import io.wanlab.core.topo.LinkEnd;
import io.wanlab.core.topo.TunPlan;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Socket process: LAN TUN on one side, links to the PoP and the peer Socket on the other,
 * {@link FlowSteering} in between. One event loop owns everything (flows, links, captures); the
 * TUN reader thread hands it batches. The control socket answers {@code status} and
 * {@code reload ...} (new rules and output folder between scenarios).
 */
public final class SocketNode implements LinkListener, AutoCloseable {
    private final SocketNodeConfig config;
    private final TunDevice tun;
    private final NodeTransport transport = NodeTransport.best();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final SocketLinks links;
    private final LinkEndpoint[] endpoints;
    private final TunIngress reader;
    private final StatusServer status;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final SocketAccounting accounting;
    /** The kernel's counters for the once-a-second drop report, files kept open (status reads them afresh). */
    private final KernelCounters.Reader kernelCounters = new KernelCounters.Reader(KernelCounters.SYS_CLASS_NET);
    private final LinkControl linkControl;
    private SocketSession session;
    private long refused;
    /** Refusals per link and {@link LinkRefusal} (by ordinal); on the event loop. */
    private final long[][] refusedBy;

    private SocketNode(SocketNodeConfig config, TunDevice tun) throws IOException {
        this.config = config;
        this.tun = tun;
        this.group = transport.newGroup(1);
        this.loop = group.next();
        this.links = SocketLinks.of(config.lab(), config.node());
        this.endpoints = new LinkEndpoint[links.size()];
        this.refusedBy = new long[endpoints.length][LinkRefusal.values().length];
        for (LinkEnd end : config.topology().linksOf(config.node())) {
            int i = links.indexOf(end.link());
            endpoints[i] = new LinkEndpoint(i, config.node(), end, config.auth(), this, loop, transport, config.linkTransport());
        }
        this.linkControl = new LinkControl(config.node(), endpoints, () -> session.events);
        linkControl.configure(config.lab());
        PathCounters[] sending = new PathCounters[endpoints.length];
        String[] devices = new String[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            sending[i] = endpoints[i].sending();
            devices[i] = endpoints[i].end().device();
        }
        this.accounting = new SocketAccounting(tun.name(), links, sending, devices);
        this.session = SocketSession.open(config.node(), config.lab(), config.runDir(), links, endpoints, config.capture(), tun.name(), config.flowCapacity());
        this.reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, this::onLanBatch,
                t -> failed.complete("TUN reader failed: " + t));
        this.status = StatusServer.start(config.statusSocket(),
                new ControlRequests(loop, this::statusJson, config.reloads(), this::reload, linkControl)::answer);
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
        node.loop.execute(() -> node.linkControl.applyLabFile(config.lab()));
        node.reader.start();
        // Captures are read while the lab runs (Wireshark, evidence): flush them every second.
        node.loop.scheduleAtFixedRate(() -> node.session.flush(), 1, 1, TimeUnit.SECONDS);
        node.loop.scheduleAtFixedRate(() -> node.accounting.books().reportDrops(node.session.events, config.node(),
                node.kernelCounters.read()), 1, 1, TimeUnit.SECONDS);
        node.loop.scheduleAtFixedRate(() -> node.session.steering.flows().expire(System.nanoTime(), 1024), 1, 1, TimeUnit.SECONDS);
        node.session.events.emit(new Event.NodeReady(System.currentTimeMillis(), config.node(), "socket",
                "tun " + tun.name() + " mtu " + tun.mtu() + " offloads " + tun.offloads() + " read on the " + node.reader.mode() + ", " + node.endpoints.length + " links, transport " + node.transport.name()));
        return node;
    }

    /** Completes with a reason if the data plane fails (the TUN reader dies). */
    public CompletableFuture<String> failed() {
        return failed;
    }

    private void onLanBatch(TunReader.Batch batch) {
        SocketSession s = session;
        ByteBuf[] packets = batch.packets();
        for (int i = 0; i < batch.size(); i++) {
            ByteBuf p = packets[i];
            long offload = batch.offload(i);
            int link = accounting.fromLan(s.steering, p);
            s.tapLan(p, offload, link);
            if (link < 0) {
                p.release();
                continue;
            }
            s.tapOut(link, p, offload);
            endpoints[link].write(p, offload);
        }
        for (LinkEndpoint e : endpoints) {
            e.flush();
        }
        pauseIfBlocked();
    }

    /**
     * Backpressure: while a link holds more unsent bytes than its high water mark, the LAN reader
     * waits (the kernel's TUN queue, then the LAN's TCP, slow down) instead of the link dropping.
     */
    private void pauseIfBlocked() {
        for (LinkEndpoint e : endpoints) {
            if (e.isBlocked()) {
                reader.pause();
                return;
            }
        }
        reader.resume();
    }

    @Override
    public void writabilityChanged(int link, boolean writable) {
        pauseIfBlocked();
    }

    @Override
    public void packets(int link, Frame.Data data) {
        endpoints[link].countReceived(data.count());
        SocketSession s = session;
        for (int i = 0; i < data.count(); i++) {
            ByteBuf p = data.packet(i);
            long offload = data.offload(i);
            int verdict = accounting.fromLink(s.steering, p, offload, link);
            s.tapIn(link, p, offload, verdict);
            if (verdict != FlowSteering.TO_LAN) {
                continue;
            }
            accounting.toTun(tun, p, offload);
        }
    }

    @Override
    public void linkUp(int link, String peer) {
        links.setUp(link, true);
        session.events.emit(new Event.LinkUp(System.currentTimeMillis(), config.node(), links.link(link).name(), peer));
    }

    @Override
    public void linkDown(int link, String reason) {
        links.setUp(link, false);
        session.events.emit(new Event.LinkDown(System.currentTimeMillis(), config.node(), links.link(link).name(), reason));
    }

    @Override
    public void refused(int link, LinkRefusal why, String reason) {
        refused++;
        refusedBy[link][why.ordinal()]++;
        session.events.emit(new Event.PacketDropped(System.currentTimeMillis(), config.node(), "link-refused", why.label() + ": " + reason));
    }

    /** Requests arrive on the status thread; answers are built on the event loop. */

    private String reload(Reload r) throws IOException {
        SocketLinks.of(r.lab(), config.node());
        SocketSession old = session;
        session = SocketSession.open(config.node(), r.lab(), r.runDir(), links, endpoints, config.capture(), tun.name(), config.flowCapacity());
        old.close();
        session.events.emit(new Event.NodeReady(System.currentTimeMillis(), config.node(), "socket",
                "reloaded: lab " + r.lab().name() + ", " + r.lab().rules().size() + " rules"));
        return Json.write(g -> g.writeStartObject().writeBooleanProperty("ok", true).writeStringProperty("lab", r.lab().name())
                .writeEndObject());
    }

    private boolean ready() {
        for (LinkEndpoint e : endpoints) {
            if (!e.isUp()) {
                return false;
            }
        }
        return tun.isOpen();
    }

    private String statusJson() {
        session.flush();
        FlowSteering steering = session.steering;
        Map<String, KernelCounters.Device> kernel = KernelCounters.read(KernelCounters.SYS_CLASS_NET);
        return Json.write(g -> {
            g.writeStartObject().writeStringProperty("node", config.node()).writeStringProperty("role", "socket")
                    .writeBooleanProperty("ready", ready())
                    .writeStringProperty("transport", transport.name()).writeStringProperty("links-over", config.linkTransport().label())
                    .writeStringProperty("tun-offloads", tun.offloads()).writeStringProperty("tun-reader", reader.mode())
                    .writeStringProperty("scheduling", io.wanlab.core.node.Scheduling.current()).writeNumberProperty("reader-pauses", reader.pauses())
                    .writeNumberProperty("tun-write-drops", accounting.tunWriteDrops()).writeNumberProperty("refused", refused);
            g.writeObjectPropertyStart("counters");
            for (Map.Entry<String, Long> c : steering.counters().snapshot().entrySet()) {
                g.writeNumberProperty(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            g.writeObjectPropertyStart("drops");
            steering.drops().snapshot().forEach((reason, count) -> g.writeNumberProperty(reason.name().toLowerCase().replace('_', '-'), count));
            g.writeEndObject();
            g.writeArrayPropertyStart("links");
            for (int i = 0; i < endpoints.length; i++) {
                LinkEndpoint e = endpoints[i];
                g.writeStartObject().writeStringProperty("name", e.end().link()).writeStringProperty("kind", e.end().kind().label())
                        .writeStringProperty("peer", e.end().peer()).writeBooleanProperty("up", e.isUp())
                        .writeNumberProperty("sent", e.sentPackets()).writeNumberProperty("received", e.receivedPackets())
                        .writeNumberProperty("dropped", e.dropped());
                LinkControl.write(g, e);
                g.writeObjectPropertyStart("refused-by");
                for (LinkRefusal r : LinkRefusal.values()) {
                    g.writeNumberProperty(r.label(), refusedBy[i][r.ordinal()]);
                }
                g.writeEndObject().writeEndObject();
            }
            g.writeEndArray();
            accounting.books().write(g, kernel);
            FlowStatus.writeTable(steering.flows().stats(), g);
            NodeMemory.now().write(g);
            g.writeArrayPropertyStart("flows");
            FlowStatus.write(steering, g, 200);
            g.writeEndArray();
            g.writeEndObject();
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
            loop.submit(() -> session.close()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway: the session's taps flush on close and the loop is shut down next.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        kernelCounters.close();
        tun.close();
    }
}
