package io.wanlab.core.pcap;

import java.io.Closeable;
import java.io.IOException;

/** A capture read frame by frame; only frames that hold an IPv4 packet are returned. */
public interface CaptureSource extends Closeable {
    /** The next IPv4 frame, or null at the end of the capture. */
    CaptureFrame next() throws IOException;

    CaptureStats stats();
}
