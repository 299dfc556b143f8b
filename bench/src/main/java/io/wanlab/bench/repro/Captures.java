package io.wanlab.bench.repro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.pcap.CapturedPacket;
import io.wanlab.core.pcap.PcapngReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Captured TCP packets of one tap point, parsed once: what evidence and ladders are made of. */
final class Captures {
    /** One TCP packet as a tap saw it. */
    record Tcp(long time, String tap, int src, int sport, int dst, int dport, int flags, int seq, byte[] payload, String comment) {
        boolean syn() {
            return (flags & 0x02) != 0;
        }

        boolean ack() {
            return (flags & 0x10) != 0;
        }

        boolean rst() {
            return (flags & 0x04) != 0;
        }

        boolean fin() {
            return (flags & 0x01) != 0;
        }

        boolean involves(int port) {
            return sport == port || dport == port;
        }

        /** A TLS handshake record carrying a ClientHello starts this payload. */
        boolean startsClientHello() {
            return payload.length >= 6 && payload[0] == 0x16 && payload[1] == 0x03 && payload[5] == 0x01;
        }

        String describe() {
            return Ipv4.format(src) + ":" + sport + " > " + Ipv4.format(dst) + ":" + dport + " " + flagText()
                    + (payload.length > 0 ? " len=" + payload.length : "");
        }

        String flagText() {
            StringBuilder sb = new StringBuilder("[");
            if (syn()) {
                sb.append('S');
            }
            if (fin()) {
                sb.append('F');
            }
            if (rst()) {
                sb.append('R');
            }
            if ((flags & 0x08) != 0) {
                sb.append('P');
            }
            if (ack()) {
                sb.append('.');
            }
            return sb.append(']').toString();
        }
    }

    private Captures() {
    }

    /** The TCP packets of a pcapng file; a missing file is no packets (that tap saw nothing, or capture was off). */
    static List<Tcp> read(Path file, String tap) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Tcp> out = new ArrayList<>();
        PacketView view = new PacketView();
        for (CapturedPacket p : PcapngReader.readAll(file)) {
            ByteBuf buf = Unpooled.wrappedBuffer(p.data());
            if (view.wrap(buf) != DropReason.NONE || !view.isTcp()) {
                continue;
            }
            byte[] payload = new byte[view.payloadLength()];
            buf.getBytes(view.payloadOffset(), payload);
            out.add(new Tcp(p.timestampNanos(), tap, view.srcAddress(), view.srcPort(), view.dstAddress(), view.dstPort(),
                    view.tcp().flags(), view.tcp().seq(), payload, p.comment() == null ? "" : p.comment()));
        }
        return out;
    }
}
