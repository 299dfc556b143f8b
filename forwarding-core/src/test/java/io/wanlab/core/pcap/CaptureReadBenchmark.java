package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.TcpPackets.ACK;
import static io.wanlab.core.pcap.TcpPackets.PSH;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read speed of {@link CaptureFiles} on a large Ethernet pcap and pcapng written to /tmp and
 * deleted after. A plain main, out of the test run:
 * {@code java -cp target/classes:target/test-classes io.wanlab.core.pcap.CaptureReadBenchmark [megabytes]}.
 */
public final class CaptureReadBenchmark {
    private CaptureReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 500;
        byte[] packet = TcpPackets.tcp("10.0.0.1", 40000, "10.0.0.2", 443, PSH | ACK, new byte[1200]);
        byte[] frame = RawPcap.ethernet(0x0800, packet, 0x8100);
        for (boolean pcapng : new boolean[] {false, true}) {
            Path file = Files.createTempFile(Path.of("/tmp"), "wanlab-bench-", pcapng ? ".pcapng" : ".pcap");
            try {
                long packets = write(file, frame, megabytes << 20, pcapng);
                for (int run = 0; run < 3; run++) {
                    long start = System.nanoTime();
                    long read = 0;
                    long bytes = 0;
                    try (CaptureSource source = CaptureFiles.open(file)) {
                        for (CaptureFrame f = source.next(); f != null; f = source.next()) {
                            read++;
                            bytes += f.ipv4().length;
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        long size = Files.size(file);
                        System.out.printf("%s run %d: %d of %d packets (%d IPv4 bytes), %d MB in %.2f s: %.0f MB/s%n",
                                pcapng ? "pcapng" : "pcap", run, read, packets, bytes, size >> 20, seconds,
                                (size >> 20) / seconds);
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long write(Path file, byte[] frame, long bytes, boolean pcapng) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer header;
            if (pcapng) {
                out.write(new RawPcapng(ByteOrder.LITTLE_ENDIAN).sectionHeader().block(1,
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 0)
                                .putInt(Pcapng.SNAP_LENGTH).array()).bytes());
                header = ByteBuffer.allocate(28 + ((frame.length + 3) & ~3) + 4).order(ByteOrder.LITTLE_ENDIAN);
            } else {
                out.write(new RawPcap(ByteOrder.LITTLE_ENDIAN, false, LinkLayer.ETHERNET).bytes());
                header = ByteBuffer.allocate(16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
            }
            long written = 0;
            long packets = 0;
            while (written < bytes) {
                header.clear();
                if (pcapng) {
                    header.putInt(6).putInt(header.capacity()).putInt(0).putInt(0).putInt((int) packets)
                            .putInt(frame.length).putInt(frame.length).put(frame);
                    header.position(header.capacity() - 4);
                    header.putInt(header.capacity());
                } else {
                    header.putInt((int) (packets / 1000)).putInt((int) (packets % 1000)).putInt(frame.length)
                            .putInt(frame.length).put(frame);
                }
                out.write(header.array());
                written += header.capacity();
                packets++;
            }
            return packets;
        }
    }
}
