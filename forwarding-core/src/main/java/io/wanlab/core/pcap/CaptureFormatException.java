package io.wanlab.core.pcap;

import java.io.IOException;

/** The file is not a capture this reader understands, or it is damaged; the message says which and where. */
public class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
