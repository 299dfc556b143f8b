package io.wanlab.core.topo;

/** What runs in a node's namespace: a plain host, a Socket emulator or the PoP. */
public enum NodeRole {
    HOST,
    SOCKET,
    POP
}
