package io.wanlab.core.pcap;

import java.io.Closeable;
import java.io.IOException;

/** The IPv4 packets of one capture file, read as a stream. Not thread-safe: one reader per thread. */
public interface CaptureSource extends Closeable {
    /**
     * The next IPv4 packet, or null at the end. Frames that are not IPv4 (IPv6, ARP, other link
     * types) are skipped and counted, never fatal; so is a last record cut short by the end of the file.
     */
    CaptureFrame next() throws IOException;

    CaptureStats stats();
}
