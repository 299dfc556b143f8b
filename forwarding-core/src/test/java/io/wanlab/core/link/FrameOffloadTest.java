package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.bytes;
import static io.wanlab.core.link.FrameBytes.toArray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wanlab.core.packet.Checksums;
import io.wanlab.core.packet.IpProtocols;
import io.wanlab.core.packet.Offload;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.packet.TcpFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Data frames with {@link FrameFormat#FLAG_OFFLOAD}: a 64 KiB super-packet travels whole with its
 * virtio_net_hdr fields; metadata that does not fit its packet arrives as {@link Offload#INVALID}
 * (the node drops that packet, counted), a structurally broken entry fails the frame.
 */
class FrameOffloadTest {
    static final int SRC = 0xC612010A;
    static final int DST = 0xC612020A;

    static ByteBuf superPacket(int payloadLength) {
        byte[] payload = new byte[payloadLength];
        new SplittableRandom(payloadLength).nextBytes(payload);
        ByteBuf p = Packets.tcp(SRC, 40000, DST, 5201, 1, 7, TcpFlags.ACK, payload);
        p.setShort(36, Checksums.pseudoHeaderSum(SRC, DST, IpProtocols.TCP, p.readableBytes() - 20));
        return p;
    }

    static final long TSO = Offload.pack(Offload.GSO_TCPV4, Offload.F_NEEDS_CSUM, 1388, 20, 16);

    @Test
    void aSuperPacketOfNearly64KiBTravelsWholeInOneFrameWithItsMetadata() {
        ByteBuf big = superPacket(65_535 - 40);
        ByteBuf ack = Packets.tcp(DST, 5201, SRC, 40000, 7, 1, TcpFlags.ACK, new byte[0]);
        List<Frame.Data> frames = new ArrayList<>();
        FrameBatcher batcher = new FrameBatcher(64, FrameFormat.DEFAULT_MAX_BODY_LENGTH, frames::add);
        byte[] bigBytes = toArray(big);
        assertThat(batcher.add(big, TSO)).isTrue();
        assertThat(batcher.add(ack.copy(), Offload.NONE)).isTrue();
        batcher.flush();
        assertThat(frames).as("the 64 KiB packet fills a frame; the ACK goes in the next").hasSize(2);
        EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        encoder.writeOutbound(frames.get(0), frames.get(1));
        for (ByteBuf wire; (wire = encoder.readOutbound()) != null; ) {
            decoder.writeInbound(wire);
        }
        Frame.Data first = decoder.readInbound();
        Frame.Data second = decoder.readInbound();
        try {
            assertThat(first.hasOffloads()).isTrue();
            assertThat(first.count()).isEqualTo(1);
            assertThat(first.offload(0)).isEqualTo(TSO);
            assertThat(toArray(first.packet(0))).isEqualTo(bigBytes);
            assertThat(second.hasOffloads()).as("a frame of plain packets carries no offload fields").isFalse();
            assertThat(second.offload(0)).isEqualTo(Offload.NONE);
        } finally {
            first.release();
            second.release();
            ack.release();
        }
    }

    /** One entry of an offload frame, by hand: length, the ten offload bytes, the packet. */
    static byte[] offloadFrame(ByteBuf packet, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        byte[] p = toArray(packet);
        FrameBytes body = bytes().u16(1).u16(p.length).u8(flags).u8(gsoType).u16(hdrLen).u16(gsoSize).u16(csumStart).u16(csumOffset)
                .raw(p);
        byte[] b = body.toArray();
        return bytes().header(FrameFormat.TYPE_DATA, FrameFormat.FLAG_OFFLOAD, b.length).raw(b).toArray();
    }

    private static long decodeOne(byte[] frame) {
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        decoder.writeInbound(Unpooled.wrappedBuffer(frame));
        Frame.Data d = decoder.readInbound();
        try {
            return d.offload(0);
        } finally {
            d.release();
            decoder.finishAndReleaseAll();
        }
    }

    @Test
    void metadataThatDoesNotFitItsPacketArrivesInvalidNotAsABrokenLink() {
        ByteBuf p = superPacket(4000);
        int hdr = 40;
        assertThat(decodeOne(offloadFrame(p, 1, Offload.GSO_TCPV4, hdr, 1388, 20, 16))).isEqualTo(TSO);
        assertThat(decodeOne(offloadFrame(p, 0, 0, 0, 0, 0, 0))).as("all zero: a plain packet").isEqualTo(Offload.NONE);
        assertThat(decodeOne(offloadFrame(p, 1, Offload.GSO_TCPV4, hdr + 4, 1388, 20, 16))).as("hdr_len off").isEqualTo(Offload.INVALID);
        assertThat(decodeOne(offloadFrame(p, 1, Offload.GSO_TCPV4, hdr, 0, 20, 16))).as("gso_size 0").isEqualTo(Offload.INVALID);
        assertThat(decodeOne(offloadFrame(p, 1, 9, hdr, 1388, 20, 16))).as("unknown gso type").isEqualTo(Offload.INVALID);
        assertThat(decodeOne(offloadFrame(p, 1, Offload.GSO_TCPV4, hdr, 1388, 60000, 16))).as("csum_start past the end").isEqualTo(Offload.INVALID);
        assertThat(decodeOne(offloadFrame(p, 0xff, 0xff, 0xffff, 0xffff, 0xffff, 0xffff))).as("all ones").isEqualTo(Offload.INVALID);
        assertThat(decodeOne(offloadFrame(p, 0, 0, 0, 1388, 0, 0))).as("a gso_size on a plain packet").isEqualTo(Offload.INVALID);
        p.release();
    }

    @Test
    void anEntryTooShortForItsOffloadFieldsFailsTheFrame() {
        // count 1, length 1, then only 4 of the 10 offload bytes: the body ends early.
        byte[] body = bytes().u16(1).u16(1).u32(0).toArray();
        byte[] frame = bytes().header(FrameFormat.TYPE_DATA, FrameFormat.FLAG_OFFLOAD, body.length).raw(body).toArray();
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> decoder.writeInbound(Unpooled.wrappedBuffer(frame))).hasMessageContaining("data packet count");
        assertThat(decoder.isOpen()).isFalse();
    }

    @Test
    void theOffloadFlagOnAnotherFrameTypeIsRefused() {
        byte[] frame = bytes().header(FrameFormat.TYPE_KEEPALIVE, FrameFormat.FLAG_OFFLOAD, 8).u64(1).toArray();
        EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> decoder.writeInbound(Unpooled.wrappedBuffer(frame))).hasMessageContaining("keepalive flags");
    }

    @Test
    void arbitraryOffloadBytesNeverCrashTheDecoder() {
        SplittableRandom r = new SplittableRandom(7);
        ByteBuf p = superPacket(3000);
        for (int i = 0; i < 5000; i++) {
            byte[] frame = offloadFrame(p, r.nextInt(256), r.nextInt(256), r.nextInt(65536), r.nextInt(65536), r.nextInt(65536),
                    r.nextInt(65536));
            long m = decodeOne(frame);
            assertThat(m == Offload.INVALID || m == Offload.NONE || Offload.check(p, m) == m).isTrue();
        }
        p.release();
    }
}
