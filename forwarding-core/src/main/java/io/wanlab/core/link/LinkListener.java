package io.wanlab.core.link;

/** What a node hears from its links; called on the link's event loop. */
public interface LinkListener {
    void linkUp(int link, String peer);

    void linkDown(int link, String reason);

    /** Packets from an authenticated peer; the frame is released after this returns (retain to keep). */
    void packets(int link, Frame.Data data);

    /** A connection was refused (bad hello, wrong peer): counted by the node. */
    default void refused(int link, String reason) {
    }
}
