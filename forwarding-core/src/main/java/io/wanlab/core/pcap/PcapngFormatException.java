package io.wanlab.core.pcap;

import java.io.IOException;

/** A pcapng file that is malformed or truncated; {@link #offset()} is where in the file the problem lies. */
public final class PcapngFormatException extends IOException {
    private final long offset;

    public PcapngFormatException(long offset, String message) {
        super("pcapng at byte offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** Byte offset of the offending block or field, from the start of the file. */
    public long offset() {
        return offset;
    }
}
