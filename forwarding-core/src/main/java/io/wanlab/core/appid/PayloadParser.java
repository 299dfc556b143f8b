package io.wanlab.core.appid;

import io.netty.buffer.ByteBuf;

/** One protocol's incremental reader of a flow's client payload; the identifier picks one by the first byte. */
interface PayloadParser {
    /** Reads {@code segment}'s readable bytes without moving its indexes or retaining it. */
    Identification offer(ByteBuf segment);
}
