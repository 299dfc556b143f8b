package io.wanlab.core.link;

/**
 * Wire constants of link framing, shared by the TCP codec and the datagram codec. The layout is
 * written down in docs/FRAMING.md; keep the two in step.
 */
public final class FrameFormat {
    /** High nibble of the first byte: tells a wanlab frame from anything else on the wire. */
    public static final int MAGIC = 0xA0;
    /** Low nibble of the first byte. */
    public static final int VERSION = 1;
    /** The first byte of every frame of this version. */
    public static final int MAGIC_VERSION = MAGIC | VERSION;

    public static final int TYPE_HELLO = 1;
    public static final int TYPE_DATA = 2;
    public static final int TYPE_KEEPALIVE = 3;
    public static final int TYPE_CHALLENGE = 4;

    /** Keepalive flag: this keepalive answers one from the peer. */
    public static final int FLAG_REPLY = 0x01;
    /**
     * Data flag: each packet entry carries its offload metadata (virtio_net_hdr fields,
     * {@link #OFFLOAD_ENTRY} bytes) between its length and its bytes, so a TCP/UDP super-packet
     * of up to 64 KiB travels whole, its checksum partial, and the far TUN segments it.
     */
    public static final int FLAG_OFFLOAD = 0x02;
    /** flags u8, gso_type u8, hdr_len u16, gso_size u16, csum_start u16, csum_offset u16. */
    public static final int OFFLOAD_ENTRY = 10;

    /** Magic/version, type, flags, then a 4-byte body length. */
    public static final int HEADER_LENGTH = 7;

    /** The largest inner packet a Data frame can carry (its length travels as a u16). */
    public static final int MAX_PACKET_LENGTH = 65_535;
    /** The most packets one Data frame can carry (the count travels as a u16). */
    public static final int MAX_PACKETS = 65_535;
    /** Node and link names in a Hello: 1..64 bytes of [a-z0-9-]. */
    public static final int MAX_NAME_LENGTH = 64;
    /** The opaque authentication tag in a Hello. */
    public static final int MAX_AUTH_TAG_LENGTH = 64;

    /** Count plus one length prefix plus one byte: the smallest Data body. */
    public static final int MIN_DATA_BODY = 2 + 2 + 1;
    /** Version, two one-byte-long names, empty tag. */
    public static final int MIN_HELLO_BODY = 2 + 1 + 1 + 1 + 1 + 1;
    public static final int MAX_HELLO_BODY = 2 + (1 + MAX_NAME_LENGTH) * 2 + 1 + MAX_AUTH_TAG_LENGTH;
    public static final int KEEPALIVE_BODY = 8;
    /** A Challenge's body: the listener's nonce, exactly this long. */
    public static final int CHALLENGE_BODY = 16;

    /**
     * Default largest body a decoder accepts: one full 64 KiB inner packet with its count and
     * length prefix fits, with room to spare.
     */
    public static final int DEFAULT_MAX_BODY_LENGTH = 64 * 1024 + 64;
    /** Bounds for a configured maximum: it must hold a full Hello, and no more than 16 MiB. */
    public static final int MIN_CONFIGURABLE_MAX_BODY = 256;
    public static final int MAX_CONFIGURABLE_MAX_BODY = 16 * 1024 * 1024;

    private FrameFormat() {
    }

    /** Checks a configured maximum body length; returns it for use in constructors. */
    public static int checkMaxBodyLength(int maxBodyLength) {
        if (maxBodyLength < MIN_CONFIGURABLE_MAX_BODY || maxBodyLength > MAX_CONFIGURABLE_MAX_BODY) {
            throw new IllegalArgumentException("maxBodyLength: " + maxBodyLength
                    + " (expected: " + MIN_CONFIGURABLE_MAX_BODY + ".." + MAX_CONFIGURABLE_MAX_BODY + ")");
        }
        return maxBodyLength;
    }

    /** The body length of a Data frame carrying packets of these total bytes. */
    public static long dataBodyLength(int packetCount, long packetBytes) {
        return 2L + 2L * packetCount + packetBytes;
    }

    /** The body length of a Data frame, with {@link #FLAG_OFFLOAD} when {@code offload}. */
    public static long dataBodyLength(int packetCount, long packetBytes, boolean offload) {
        return dataBodyLength(packetCount, packetBytes) + (offload ? (long) OFFLOAD_ENTRY * packetCount : 0);
    }

    static String typeName(int type) {
        return switch (type) {
            case TYPE_HELLO -> "hello";
            case TYPE_DATA -> "data";
            case TYPE_KEEPALIVE -> "keepalive";
            case TYPE_CHALLENGE -> "challenge";
            default -> "unknown(" + type + ")";
        };
    }
}
