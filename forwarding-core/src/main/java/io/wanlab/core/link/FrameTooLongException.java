package io.wanlab.core.link;

/** A frame header announcing a body longer than the configured maximum, raised before any body byte is buffered. */
public final class FrameTooLongException extends FrameException {
    private static final long serialVersionUID = 1L;

    private final long bodyLength;
    private final int maxBodyLength;

    public FrameTooLongException(long bodyLength, int maxBodyLength) {
        super("frame body length: " + bodyLength + " bytes (expected: at most " + maxBodyLength + ")");
        this.bodyLength = bodyLength;
        this.maxBodyLength = maxBodyLength;
    }

    public long bodyLength() {
        return bodyLength;
    }

    public int maxBodyLength() {
        return maxBodyLength;
    }
}
