package io.wanlab.bench.diagnose;

import io.wanlab.core.net.Ipv4;

/** A TCP connection's addresses and ports, oriented client to server. */
public record FlowId(int client, int clientPort, int server, int serverPort) {
    @Override
    public String toString() {
        return Ipv4.format(client) + ":" + clientPort + " -> " + Ipv4.format(server) + ":" + serverPort;
    }
}
