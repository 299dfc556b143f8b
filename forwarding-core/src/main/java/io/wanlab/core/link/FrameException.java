package io.wanlab.core.link;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A frame that breaks the wire format. On a TCP link the decoder closes the channel after
 * raising it (there is no way to find the next frame boundary); on UDP the datagram is dropped.
 * Extends {@link CorruptedFrameException} so Netty passes it through without wrapping.
 */
public class FrameException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
