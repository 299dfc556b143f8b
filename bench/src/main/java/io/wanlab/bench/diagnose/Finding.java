package io.wanlab.bench.diagnose;

import java.util.List;

/**
 * One signature in one flow.
 *
 * @param seconds seconds since the capture's first frame, of the frame that completes the signature
 * @param frames  the frames that show it, in order (Wireshark's frame numbers)
 * @param detail  what was seen, in a sentence
 */
public record Finding(Signature signature, FlowId flow, double seconds, List<Long> frames, String detail) {
    public Finding {
        frames = List.copyOf(frames);
    }
}
