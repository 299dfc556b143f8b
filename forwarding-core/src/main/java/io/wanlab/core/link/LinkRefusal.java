package io.wanlab.core.link;

/**
 * Why a link connection (or, on UDP, a datagram) was refused before its peer proved the run's
 * secret: a closed set, so each node counts refusals per reason and shows them in its status.
 */
public enum LinkRefusal {
    /** Bytes that are not a frame (bad magic, type, flags or length, or a frame cut short). */
    GARBAGE("garbage"),
    /** A Data or Keepalive frame before a valid Hello. */
    DATA_BEFORE_HELLO("data-before-hello"),
    /** A handshake frame in the wrong place: a Challenge to the listener, a Hello to the dialer before its Challenge. */
    OUT_OF_ORDER("out-of-order"),
    /** A well-formed Hello from the wrong node, for the wrong link, or of another version. */
    WRONG_PEER("wrong-peer"),
    /** A Hello whose HMAC is not this run's secret's. */
    BAD_TAG("bad-tag"),
    /** A Hello that answers another connection's challenge (captured and replayed). */
    REPLAYED("replayed"),
    /** No valid Hello within the handshake timeout. */
    HANDSHAKE_TIMEOUT("handshake-timeout"),
    /** The peer hung up before its Hello. */
    CLOSED_BEFORE_HELLO("closed-before-hello"),
    /** Too many connections were still in their handshake: closed at accept, nothing read or sent. */
    TOO_MANY_PENDING("too-many-pending");

    private final String label;

    LinkRefusal(String label) {
        this.label = label;
    }

    /** The name shown in status and events. */
    public String label() {
        return label;
    }
}
