package io.wanlab.pop;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.node.Tap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the PoP changes when it is reconfigured: its steering (TLS inspection), its event log and
 * its captures, all under one run folder. The proxied flows are the node's, not the session's:
 * a connection closed at a reload still gets its client's RST. Owned by the PoP's event loop.
 */
final class PopSession implements AutoCloseable {
    private final JsonLinesEventLog events;
    private final PopSteering steering;
    private final Tap[] tunnelTaps;
    private final Tap kernelTap;
    private final PopRouter router;

    private PopSession(JsonLinesEventLog events, PopSteering steering, Tap[] tunnelTaps, Tap kernelTap, PopRouter router) {
        this.events = events;
        this.steering = steering;
        this.tunnelTaps = tunnelTaps;
        this.kernelTap = kernelTap;
        this.router = router;
    }

    /** A flow table for every session of a PoP: proxied flows outlive a reload, so their last packets still reach the kernel. */
    static FlowTable newFlowTable() {
        return new FlowTable(FlowTableConfig.defaults().withCapacity(1 << 14));
    }

    static PopSession open(PopNodeConfig config, LabFile lab, Path dir, PopRouter router, LinkEndpoint[] endpoints, FlowTable flows)
            throws IOException {
        Files.createDirectories(dir);
        JsonLinesEventLog events = JsonLinesEventLog.open(dir.resolve("events.jsonl"));
        PopSteering steering = new PopSteering(router, flows, lab.account().tlsInspection(), config.proxiedPorts(), System::nanoTime);
        Tap[] taps = new Tap[endpoints.length];
        Tap kernel = null;
        if (config.capture()) {
            for (int i = 0; i < endpoints.length; i++) {
                if (endpoints[i] != null) {
                    String link = endpoints[i].end().link();
                    taps[i] = Tap.open(dir.resolve("pop-" + link + ".pcapng"), "pop:" + link, "cato tunnel to " + endpoints[i].end().peer());
                }
            }
            kernel = Tap.open(dir.resolve("pop-proxy.pcapng"), "pop:proxy", "TUN to and from the PoP's own kernel (TCP proxy)");
        }
        return new PopSession(events, steering, taps, kernel, router);
    }

    JsonLinesEventLog events() {
        return events;
    }

    PopSteering steering() {
        return steering;
    }

    /** A packet seen on a tunnel: where it went ({@code out}: link, TO_TUN, DROP, or -3 for "from the kernel"). */
    void tapTunnel(int link, ByteBuf p, long offload, int out) {
        Tap t = tunnelTaps[link];
        if (t == null) {
            return;
        }
        String comment = switch (out) {
            case PopSteering.TO_TUN -> "in: TCP proxy (TLS inspection on)";
            case PopSteering.DROP -> "in: dropped (no site for destination)";
            case -3 -> "out: from the PoP's kernel (TCP proxy)";
            default -> "in: pass-through to " + router.links().get(out).name();
        };
        t.write(p, offload, comment);
        if (out >= 0 && tunnelTaps[out] != null) {
            tunnelTaps[out].write(p, offload, "out: pass-through from " + router.links().get(link).name());
        }
    }

    void tapKernel(ByteBuf p, long offload, String comment) {
        if (kernelTap != null) {
            kernelTap.write(p, offload, comment);
        }
    }

    void flush() {
        for (Tap t : tunnelTaps) {
            if (t != null) {
                t.flush();
            }
        }
        if (kernelTap != null) {
            kernelTap.flush();
        }
        events.flush();
    }

    @Override
    public void close() {
        for (Tap t : tunnelTaps) {
            if (t != null) {
                t.close();
            }
        }
        if (kernelTap != null) {
            kernelTap.close();
        }
        try {
            events.close();
        } catch (IOException e) {
            // The event log reports its own failure; nothing to add at close.
        }
    }
}
