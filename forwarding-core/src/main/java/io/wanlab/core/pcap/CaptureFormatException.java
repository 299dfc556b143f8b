package io.wanlab.core.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file that is neither pcap nor pcapng, or whose structure is broken beyond the point
 * where the rest can be read reliably; {@link #offset()} is where in the file the problem lies.
 */
public final class CaptureFormatException extends IOException {
    private final long offset;

    public CaptureFormatException(Path file, long offset, String message) {
        super(file + " at byte offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** Byte offset of the offending header, record or field, from the start of the file. */
    public long offset() {
        return offset;
    }
}
