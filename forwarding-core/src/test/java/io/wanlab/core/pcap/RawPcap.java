package io.wanlab.core.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds classic pcap bytes in either byte order and resolution, and link-layer frames around a packet. */
final class RawPcap {
    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawPcap(ByteOrder order, boolean nanos, int linkType) {
        this.order = order;
        out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4)
                .putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(Pcapng.SNAP_LENGTH)
                .putInt(linkType).array());
    }

    RawPcap record(long seconds, long fraction, byte[] data, int originalLength) {
        out.writeBytes(ByteBuffer.allocate(16).order(order).putInt((int) seconds).putInt((int) fraction)
                .putInt(data.length).putInt(originalLength).array());
        out.writeBytes(data);
        return this;
    }

    RawPcap record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data, data.length);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Ethernet II with the given VLAN tag protocol ids (0x8100, 0x88a8) before {@code ethertype}. */
    static byte[] ethernet(int ethertype, byte[] payload, int... tagTypes) {
        ByteBuffer frame = ByteBuffer.allocate(14 + 4 * tagTypes.length + payload.length);
        frame.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int i = 0; i < tagTypes.length; i++) {
            frame.putShort((short) tagTypes[i]).putShort((short) (100 + i));
        }
        return frame.putShort((short) ethertype).put(payload).array();
    }

    /** A minimal IPv6 header (no payload), enough for the reader to recognise and skip it. */
    static byte[] ipv6() {
        byte[] packet = new byte[40];
        packet[0] = 0x60;
        packet[6] = 59; // no next header
        packet[7] = 64;
        return packet;
    }

    static byte[] arp() {
        return new byte[] {0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2};
    }

    /** Swaps every header field of a pcap file, turning a little-endian file into its big-endian twin or back. */
    static byte[] byteSwapped(byte[] pcap) {
        byte[] swapped = pcap.clone();
        ByteBuffer in = ByteBuffer.wrap(pcap);
        ByteBuffer out = ByteBuffer.wrap(swapped);
        out.putInt(0, Integer.reverseBytes(in.getInt(0)));
        out.putShort(4, Short.reverseBytes(in.getShort(4)));
        out.putShort(6, Short.reverseBytes(in.getShort(6)));
        for (int field = 8; field < 24; field += 4) {
            out.putInt(field, Integer.reverseBytes(in.getInt(field)));
        }
        ByteOrder order = in.getInt(0) == 0xA1B2C3D4 || in.getInt(0) == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer lengths = ByteBuffer.wrap(pcap).order(order);
        for (int at = 24; at + 16 <= pcap.length; at += 16 + lengths.getInt(at + 8)) {
            for (int field = at; field < at + 16; field += 4) {
                out.putInt(field, Integer.reverseBytes(in.getInt(field)));
            }
        }
        return swapped;
    }
}
