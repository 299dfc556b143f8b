package io.wanlab.bench.model;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.Site;
import io.wanlab.core.lab.Transport;
import io.wanlab.core.packet.ClientHellos;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.rules.RuleEngine;
import io.wanlab.socket.FlowSteering;
import io.wanlab.socket.SocketLinks;
import java.util.List;

/**
 * A client's TCP connection through the source site's Socket, in memory, with the Socket's real
 * decision code ({@link FlowSteering}: flow table, rule engine, identification): its SYN, the
 * handshake's ACK and a ClientHello, and the transport each leaves on. It shows the Socket's
 * decisions only; what the PoP and the server's kernel then do is the live lab's to show.
 */
public final class SocketModel {
    private SocketModel() {
    }

    /**
     * What the source Socket did with the flow.
     *
     * @param syn     the transport the SYN left on; null when the Socket dropped it
     * @param hello   the transport the ClientHello left on; null when dropped
     * @param switched the flow-switched event, or null
     */
    public record Decisions(Transport syn, Transport hello, Event.FlowSwitched switched) {
        public boolean dropped() {
            return syn == null || hello == null;
        }
    }

    /** Runs one connection from {@code src} to {@code dst}:{@code port} with SNI {@code sni} through the Socket of {@code src}'s site. */
    public static Decisions connect(LabFile lab, int src, int dst, int port, String sni) {
        requireNonNull(lab, "lab");
        requireNonNull(sni, "sni");
        Site site = lab.siteOf(src).orElseThrow(() -> new IllegalArgumentException("no site of the lab holds the source address"));
        // Only this thread drives the steering, so a plain list is safe here.
        List<Event.FlowSwitched> switches = new java.util.ArrayList<>();
        FlowSteering steering = steering(lab, site, e -> {
            if (e instanceof Event.FlowSwitched s) {
                switches.add(s);
            }
        });
        int sport = 40000;
        Transport syn = send(steering, Packets.syn(src, sport, dst, port, 1000));
        send(steering, Packets.ack(src, sport, dst, port, 1001, 5001));
        Transport hello = send(steering, Packets.data(src, sport, dst, port, 1001, 5001, ClientHellos.jdk(sni, "http/1.1")));
        return new Decisions(syn, hello, switches.isEmpty() ? null : switches.getFirst());
    }

    /**
     * What the Socket did with each of a flow's real client-to-server packets, in order.
     *
     * @param transport the transport the packet left on; null when the Socket dropped it
     * @param events    the events the packet caused (decided, undecided, identified, gave up, switched)
     */
    public record Step(Transport transport, List<Event> events) {
        public Step {
            events = List.copyOf(events);
        }
    }

    /**
     * Replays one flow's client-to-server IPv4 packets (as captured: real addresses, ports, SNI,
     * segmentation) through the Socket of the site that holds {@code client}, one fresh flow table.
     */
    public static List<Step> replay(LabFile lab, int client, List<byte[]> packets) {
        requireNonNull(lab, "lab");
        requireNonNull(packets, "packets");
        Site site = lab.siteOf(client).orElseThrow(() -> new IllegalArgumentException("no site of the lab holds the client address"));
        List<Event> pending = new java.util.ArrayList<>();
        FlowSteering steering = steering(lab, site, pending::add);
        List<Step> steps = new java.util.ArrayList<>();
        for (byte[] p : packets) {
            Transport t = send(steering, io.netty.buffer.Unpooled.wrappedBuffer(p.clone()));
            steps.add(new Step(t, pending));
            pending.clear();
        }
        return List.copyOf(steps);
    }

    private static FlowSteering steering(LabFile lab, Site site, EventLog events) {
        SocketLinks links = SocketLinks.of(lab, site.socket());
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        return new FlowSteering(site.socket(), RuleEngine.compile(lab),
                new FlowTable(FlowTableConfig.defaults().withCapacity(64)), links, events, System::nanoTime);
    }

    private static Transport send(FlowSteering steering, ByteBuf packet) {
        try {
            int link = steering.fromLan(packet);
            return link < 0 ? null : steering.links().link(link).kind().transport();
        } finally {
            packet.release();
        }
    }
}
