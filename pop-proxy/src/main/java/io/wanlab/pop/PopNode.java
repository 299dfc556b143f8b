package io.wanlab.pop;

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
import io.wanlab.core.node.LinkControl;
import io.wanlab.core.node.KernelCounters;
import io.wanlab.core.node.Reload;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.node.TunIngress;
import io.wanlab.core.node.TunReader;
import io.wanlab.core.topo.LinkEnd;
import io.wanlab.core.tun.TunDevice;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PoP process: terminates every Socket's cato tunnel (only the Sockets the lab file names,
 * authenticated), routes inner packets by destination site, and with TLS inspection on hands
 * TCP flows to its own kernel through its TUN, where {@link TcpProxy} answers as the server.
 * One event loop owns the links, the steering, the proxy and the captures.
 */
public final class PopNode implements LinkListener, AutoCloseable {
    private final PopNodeConfig config;
    private final TunDevice tun;
    private final NodeTransport transport = NodeTransport.best();
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final PopRouter router;
    private final LinkEndpoint[] endpoints;
    private final TcpProxy proxy;
    private final io.wanlab.core.flow.FlowTable flows = PopSession.newFlowTable();
    private final boolean[] proxiedPort = new boolean[65536];
    private final TunIngress reader;
    private final StatusServer status;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final PopAccounting accounting;
    /** The kernel's counters for the once-a-second drop report, files kept open (status reads them afresh). */
    private final KernelCounters.Reader kernelCounters = new KernelCounters.Reader(KernelCounters.SYS_CLASS_NET);
    private final LinkControl linkControl;
    private PopSession session;
    private long refused;
    /** Refusals per link and {@link LinkRefusal} (by ordinal); on the event loop. */
    private final long[][] refusedBy;

    private PopNode(PopNodeConfig config, TunDevice tun) throws IOException {
        this.config = config;
        this.tun = tun;
        this.group = transport.newGroup(1);
        this.loop = group.next();
        this.router = PopRouter.of(config.lab());
        this.endpoints = new LinkEndpoint[router.links().size()];
        this.refusedBy = new long[endpoints.length][LinkRefusal.values().length];
        for (LinkEnd end : config.topology().linksOf(PopNodeConfig.NODE)) {
            int i = router.indexOf(end.link());
            if (i >= 0) {
                endpoints[i] = new LinkEndpoint(i, PopNodeConfig.NODE, end, config.auth(), this, loop, transport, config.linkTransport());
            }
        }
        PathCounters[] sending = new PathCounters[endpoints.length];
        String[] devices = new String[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            sending[i] = endpoints[i] != null ? endpoints[i].sending() : new PathCounters(router.links().get(i).name() + " out");
            devices[i] = endpoints[i] != null ? endpoints[i].end().device() : null;
        }
        this.accounting = new PopAccounting(tun.name(), router, sending, devices);
        for (int p : config.proxiedPorts()) {
            proxiedPort[p] = true;
        }
        this.session = PopSession.open(config, config.lab(), config.runDir(), router, endpoints, flows);
        this.proxy = new TcpProxy(loop, config.halfOpenIdle(), config.inspector());
        proxy.use(session.steering(), session.events());
        this.reader = TunIngress.open(tun, loop, PooledByteBufAllocator.DEFAULT, this::onTunBatch,
                t -> failed.complete("TUN reader failed: " + t));
        this.linkControl = new LinkControl(PopNodeConfig.NODE, endpoints, () -> session.events());
        ControlRequests requests = new ControlRequests(loop, this::statusJson, config.reloads(), this::reload, linkControl);
        this.status = StatusServer.start(config.statusSocket(), request -> request.trim().equals("settle") ? settle() : requests.answer(request));
    }

    public static PopNode start(PopNodeConfig config, TunDevice tun) throws IOException, InterruptedException {
        requireNonNull(config, "config");
        requireNonNull(tun, "tun");
        PopNode node = new PopNode(config, tun);
        for (int port : config.proxiedPorts()) {
            node.proxy.listen(port);
        }
        node.linkControl.configure(config.lab());
        for (LinkEndpoint e : node.endpoints) {
            e.start();
        }
        node.loop.execute(() -> node.linkControl.applyLabFile(config.lab()));
        node.reader.start();
        // Captures are read while the lab runs (Wireshark, evidence): flush them every second.
        node.loop.scheduleAtFixedRate(() -> node.session.flush(), 1, 1, TimeUnit.SECONDS);
        node.loop.scheduleAtFixedRate(() -> node.accounting.books().reportDrops(node.session.events(), PopNodeConfig.NODE,
                node.kernelCounters.read()), 1, 1, TimeUnit.SECONDS);
        node.loop.scheduleAtFixedRate(() -> node.flows.expire(System.nanoTime(), 1024), 1, 1, TimeUnit.SECONDS);
        node.session.events().emit(new Event.NodeReady(System.currentTimeMillis(), PopNodeConfig.NODE, "pop",
                node.endpoints.length + " tunnels, TUN " + tun.name() + " (offloads " + tun.offloads() + "), TCP proxy on ports " + Arrays.toString(config.proxiedPorts())
                        + (config.inspector() != null ? " (TLS terminated with certificates minted by the PoP's inspection CA)" : " (bytes relayed)")
                        + ", TLS inspection " + (config.lab().account().tlsInspection() ? "on" : "off")));
        return node;
    }

    public CompletableFuture<String> failed() {
        return failed;
    }

    @Override
    public void packets(int link, Frame.Data data) {
        endpoints[link].countReceived(data.count());
        PopSession s = session;
        for (int i = 0; i < data.count(); i++) {
            ByteBuf p = data.packet(i);
            long offload = data.offload(i);
            int out = accounting.fromTunnel(s.steering(), p, offload, link);
            s.tapTunnel(link, p, offload, out);
            if (out == PopSteering.TO_TUN) {
                s.tapKernel(p, offload, "to the PoP's kernel (TCP proxy)");
                accounting.toKernel(tun, p, offload);
            } else if (out >= 0) {
                endpoints[out].write(p.retain(), offload);
            }
        }
        for (LinkEndpoint e : endpoints) {
            e.flush();
        }
        pauseIfBlocked();
    }

    private void onTunBatch(TunReader.Batch batch) {
        PopSession s = session;
        for (int i = 0; i < batch.size(); i++) {
            ByteBuf p = batch.packets()[i];
            long offload = batch.offload(i);
            int out = accounting.fromKernel(s.steering(), p);
            s.tapKernel(p, offload, out < 0 ? "from the PoP's kernel: dropped (no site)" : "from the PoP's kernel to " + router.links().get(out).name());
            if (out < 0) {
                p.release();
                continue;
            }
            s.tapTunnel(out, p, offload, -3);
            endpoints[out].write(p, offload);
        }
        for (LinkEndpoint e : endpoints) {
            e.flush();
        }
        pauseIfBlocked();
    }

    /**
     * A full tunnel pauses what feeds it: the TUN reader (the PoP's kernel then holds its packets,
     * see {@link TunReader}) and the reading of every tunnel (TCP flow control then slows the
     * Sockets, whose own readers pause in turn), instead of dropping.
     */
    private void pauseIfBlocked() {
        boolean blocked = false;
        for (LinkEndpoint e : endpoints) {
            blocked |= e != null && e.isBlocked();
        }
        if (blocked) {
            reader.pause();
        } else {
            reader.resume();
        }
        for (LinkEndpoint e : endpoints) {
            if (e != null) {
                e.pauseReading(blocked);
            }
        }
    }

    @Override
    public void writabilityChanged(int link, boolean writable) {
        pauseIfBlocked();
    }

    @Override
    public void linkUp(int link, String peer) {
        session.events().emit(new Event.LinkUp(System.currentTimeMillis(), PopNodeConfig.NODE, router.links().get(link).name(), peer));
    }

    @Override
    public void linkDown(int link, String reason) {
        session.events().emit(new Event.LinkDown(System.currentTimeMillis(), PopNodeConfig.NODE, router.links().get(link).name(), reason));
    }

    @Override
    public void refused(int link, LinkRefusal why, String reason) {
        refused++;
        refusedBy[link][why.ordinal()]++;
        session.events().emit(new Event.PacketDropped(System.currentTimeMillis(), PopNodeConfig.NODE, "tunnel-refused", why.label() + ": " + reason));
    }


    /** On the event loop: a new session (rules, TLS inspection, output folder); old proxied connections are closed. */
    private String reload(Reload r) throws IOException {
        PopRouter.of(r.lab());
        proxy.closeConnections();
        PopSession old = session;
        session = PopSession.open(config, r.lab(), r.runDir(), router, endpoints, flows);
        proxy.use(session.steering(), session.events());
        old.close();
        session.events().emit(new Event.NodeReady(System.currentTimeMillis(), PopNodeConfig.NODE, "pop",
                "reloaded: lab " + r.lab().name() + ", TLS inspection " + (r.lab().account().tlsInspection() ? "on" : "off")));
        return Json.write(g -> g.writeStartObject().writeBooleanProperty("ok", true).writeStringProperty("lab", r.lab().name())
                .writeBooleanProperty("tls-inspection", r.lab().account().tlsInspection()).writeEndObject());
    }

    /**
     * {@code settle}: aborts every proxied connection now (a RST each), so that what the closing
     * sends is captured in the scenario that opened it. The caller then
     * waits for {@code proxy-connections} and {@code kernel-connections} in the status to reach 0.
     */
    private String settle() {
        try {
            int open = loop.submit(proxy::abortConnections).get(2, TimeUnit.SECONDS);
            return Json.write(g -> g.writeStartObject().writeBooleanProperty("ok", true).writeNumberProperty("closed", open).writeEndObject());
        } catch (Exception e) {
            return ControlRequests.error("settle: " + e);
        }
    }

    private String statusJson() {
        session.flush();
        boolean ready = tun.isOpen();
        for (LinkEndpoint e : endpoints) {
            ready &= e.isUp();
        }
        boolean allUp = ready;
        PopSteering st = session.steering();
        java.util.Map<String, KernelCounters.Device> kernel = KernelCounters.read(KernelCounters.SYS_CLASS_NET);
        return Json.write(g -> {
            g.writeStartObject().writeStringProperty("node", PopNodeConfig.NODE).writeStringProperty("role", "pop")
                    .writeBooleanProperty("ready", allUp)
                    .writeStringProperty("transport", transport.name()).writeStringProperty("links-over", config.linkTransport().label())
                    .writeStringProperty("tun-offloads", tun.offloads()).writeStringProperty("tun-reader", reader.mode())
                    .writeStringProperty("scheduling", io.wanlab.core.node.Scheduling.current()).writeNumberProperty("reader-pauses", reader.pauses())
                    .writeBooleanProperty("tls-inspection", st.tlsInspection())
                    .writeNumberProperty("routed", router.routed()).writeNumberProperty("no-site", router.noSite())
                    .writeNumberProperty("to-kernel", st.toTun()).writeNumberProperty("passed-through", st.passedThrough())
                    .writeNumberProperty("proxied-flows", st.proxiedFlows()).writeNumberProperty("proxy-connections", proxy.openConnections())
                    .writeNumberProperty("kernel-connections", KernelConnections.count(proxiedPort))
                    .writeNumberProperty("tun-write-drops", accounting.tunWriteDrops()).writeNumberProperty("tunnels-refused", refused);
            if (config.inspector() != null) {
                config.inspector().writeStatus(g);
            }
            g.writeObjectPropertyStart("drops");
            router.drops().snapshot().forEach((reason, count) -> g.writeNumberProperty(reason.name().toLowerCase().replace('_', '-'), count));
            g.writeEndObject();
            g.writeArrayPropertyStart("links");
            for (int i = 0; i < endpoints.length; i++) {
                LinkEndpoint e = endpoints[i];
                g.writeStartObject().writeStringProperty("name", e.end().link()).writeStringProperty("peer", e.end().peer())
                        .writeBooleanProperty("up", e.isUp()).writeNumberProperty("sent", e.sentPackets())
                        .writeNumberProperty("received", e.receivedPackets()).writeNumberProperty("dropped", e.dropped());
                LinkControl.write(g, e);
                g.writeObjectPropertyStart("refused-by");
                for (LinkRefusal r : LinkRefusal.values()) {
                    g.writeNumberProperty(r.label(), refusedBy[i][r.ordinal()]);
                }
                g.writeEndObject().writeEndObject();
            }
            g.writeEndArray();
            accounting.books().write(g, kernel);
            io.wanlab.core.node.NodeMemory.now().write(g);
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
            loop.submit(() -> {
                proxy.close();
                session.close();
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Shutting down regardless; the session's taps flush on close.
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        kernelCounters.close();
        tun.close();
    }
}
