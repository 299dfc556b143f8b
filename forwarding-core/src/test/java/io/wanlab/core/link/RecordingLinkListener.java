package io.wanlab.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a {@link LinkHandler} tells its node. Packets are copied out while the frame is
 * lent, together with the frame's reference count at that moment, so a test can check both what
 * arrived and that the handler still held the frame during the call.
 */
final class RecordingLinkListener implements LinkListener {
    record Up(int link, String peer) {
    }

    record Down(int link, String reason) {
    }

    record Refused(int link, LinkRefusal why, String reason) {
    }

    record Packets(int link, List<byte[]> packets, int refCntDuringCall) {
    }

    final List<Up> ups = new ArrayList<>();
    final List<Down> downs = new ArrayList<>();
    final List<Refused> refusals = new ArrayList<>();
    final List<Packets> packets = new ArrayList<>();
    /** Frames seen by {@link #packets}, to check after the call that the handler released them. */
    final List<Frame.Data> framesSeen = new ArrayList<>();

    @Override
    public void linkUp(int link, String peer) {
        ups.add(new Up(link, peer));
    }

    @Override
    public void linkDown(int link, String reason) {
        downs.add(new Down(link, reason));
    }

    @Override
    public void packets(int link, Frame.Data data) {
        List<byte[]> copies = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            ByteBuf p = data.packet(i);
            copies.add(ByteBufUtil.getBytes(p, p.readerIndex(), p.readableBytes()));
        }
        packets.add(new Packets(link, copies, data.refCnt()));
        framesSeen.add(data);
    }

    @Override
    public void refused(int link, LinkRefusal why, String reason) {
        refusals.add(new Refused(link, why, reason));
    }

    int events() {
        return ups.size() + downs.size() + refusals.size() + packets.size();
    }
}
