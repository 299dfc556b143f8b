package io.wanlab.pop;

import io.netty.channel.Channel;
import io.wanlab.core.event.Event;
import io.wanlab.core.event.EventLog;
import java.net.InetSocketAddress;

/** One proxied TCP connection's identity and its event reporting (client leg, server leg, close). */
final class ProxyConnection {
    final InetSocketAddress client;
    final InetSocketAddress server;
    private final EventLog events;
    private final boolean tlsInspection;
    private boolean closedReported;

    ProxyConnection(Channel clientLeg, EventLog events, boolean tlsInspection) {
        this.client = (InetSocketAddress) clientLeg.remoteAddress();
        // Transparent local delivery: the accepted socket's local address is the real server's.
        this.server = (InetSocketAddress) clientLeg.localAddress();
        this.events = events;
        this.tlsInspection = tlsInspection;
    }

    void report(String leg, String state, String detail) {
        if (state.equals("closed")) {
            if (closedReported) {
                return;
            }
            closedReported = true;
        }
        events.emit(new Event.ProxyLeg(System.currentTimeMillis(), PopNodeConfig.NODE, client.getAddress().getHostAddress(),
                client.getPort(), server.getAddress().getHostAddress(), server.getPort(), leg, state, detail, true, tlsInspection));
    }

    @Override
    public String toString() {
        return client + " -> " + server;
    }
}
