package io.wanlab.bench.diagnose;

/** The signatures diagnose looks for in a TCP flow. */
public enum Signature {
    /** The server resets a connection whose SYN the capture never saw, right after the client's first payload. */
    RESET_WITHOUT_SYN("server reset a connection it never saw a SYN for, right after the client's first payload"),
    /** The handshake was answered by something other than the server that later resets (TTL or TCP options differ). */
    HANDSHAKE_WITHOUT_SERVER("handshake completed with no server behind it: the RST after the ClientHello comes from another stack than the SYN-ACK"),
    /** The client's first payload was sent again and again with no answer. */
    BLACK_HOLE("ClientHello retransmitted with no answer (black hole)");

    private final String meaning;

    Signature(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
