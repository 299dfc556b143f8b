package io.wanlab.socket;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.JsonLinesEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.link.LinkEndpoint;
import io.wanlab.core.node.Tap;
import io.wanlab.core.rules.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Socket changes when it is reconfigured: the rules and flows ({@link FlowSteering}), the
 * event log and the captures, under one folder. Links and their up/down state carry over.
 * Owned by the Socket's event loop.
 */
final class SocketSession implements AutoCloseable {
    final FlowSteering steering;
    final JsonLinesEventLog events;
    private final Tap lanTap;
    private final Tap[] linkTaps;
    private final CaptureComments comments;

    private SocketSession(FlowSteering steering, JsonLinesEventLog events, Tap lanTap, Tap[] linkTaps, CaptureComments comments) {
        this.steering = steering;
        this.events = events;
        this.lanTap = lanTap;
        this.linkTaps = linkTaps;
        this.comments = comments;
    }

    static SocketSession open(String node, LabFile lab, Path dir, SocketLinks links, LinkEndpoint[] endpoints, boolean capture,
            String tunName, int flowCapacity) throws IOException {
        Files.createDirectories(dir);
        JsonLinesEventLog events = JsonLinesEventLog.open(dir.resolve("events.jsonl"));
        FlowSteering steering = new FlowSteering(node, RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(flowCapacity)), links, events, System::nanoTime);
        Tap[] taps = new Tap[endpoints.length];
        Tap lan = null;
        if (capture) {
            for (int i = 0; i < endpoints.length; i++) {
                String link = endpoints[i].end().link();
                taps[i] = Tap.open(dir.resolve(node + "-" + link + ".pcapng"), node + ":" + link,
                        endpoints[i].end().kind().label() + " link to " + endpoints[i].end().peer());
            }
            lan = Tap.open(dir.resolve(node + "-lan.pcapng"), node + ":lan", "LAN side (TUN " + tunName + ")");
        }
        return new SocketSession(steering, events, lan, taps, new CaptureComments(lab));
    }

    void tapLan(ByteBuf p, long offload, int link) {
        if (lanTap != null) {
            lanTap.write(p, offload, comments.lan(steering, link));
        }
    }

    void tapOut(int link, ByteBuf p, long offload) {
        if (linkTaps[link] != null) {
            linkTaps[link].write(p, offload, comments.out(steering));
        }
    }

    void tapIn(int link, ByteBuf p, long offload, int verdict) {
        if (linkTaps[link] != null) {
            linkTaps[link].write(p, offload, comments.in(steering, verdict));
        }
        if (verdict == FlowSteering.TO_LAN && lanTap != null) {
            lanTap.write(p, offload, comments.in(steering, verdict));
        }
    }

    void flush() {
        for (Tap t : linkTaps) {
            if (t != null) {
                t.flush();
            }
        }
        if (lanTap != null) {
            lanTap.flush();
        }
        events.flush();
    }

    @Override
    public void close() {
        for (Tap t : linkTaps) {
            if (t != null) {
                t.close();
            }
        }
        if (lanTap != null) {
            lanTap.close();
        }
        try {
            events.close();
        } catch (IOException e) {
            // The event log reports its own failure; nothing to add at close.
        }
    }
}
