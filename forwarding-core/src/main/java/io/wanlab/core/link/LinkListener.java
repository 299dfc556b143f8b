package io.wanlab.core.link;

/** What a node hears from its links; called on the link's event loop. */
public interface LinkListener {
    void linkUp(int link, String peer);

    void linkDown(int link, String reason);

    /** Packets from an authenticated peer; the frame is released after this returns (retain to keep). */
    void packets(int link, Frame.Data data);

    /**
     * The link's channel crossed its write-buffer water marks: {@code false} past the high mark
     * (pause what feeds it), {@code true} below the low mark or when the connection is gone.
     */
    default void writabilityChanged(int link, boolean writable) {
    }

    /** A connection (or datagram) was refused before its peer proved the secret: counted by the node per reason. */
    default void refused(int link, LinkRefusal reason, String detail) {
    }
}
