package io.wanlab.core.pcap;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens a capture file. Minimal stand-in until the streaming reader of issue 12 lands: classic pcap,
 * microsecond, little-endian, with Ethernet or Linux cooked (v1) frames, which is what tcpdump -w
 * writes on a Linux veth.
 */
public final class CaptureFiles {
    private static final int MAGIC_LE_MICROS = 0xd4c3b2a1;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;

    private CaptureFiles() {
    }

    public static CaptureSource open(Path file) throws IOException {
        requireNonNull(file, "file");
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            byte[] header = new byte[24];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new CaptureFormatException(file + ": shorter than a pcap header (24 bytes)");
            }
            int magic = (header[0] & 0xff) << 24 | (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8 | header[3] & 0xff;
            if (magic != MAGIC_LE_MICROS) {
                throw new CaptureFormatException(file + ": not a classic little-endian microsecond pcap (magic 0x"
                        + Integer.toHexString(magic) + ")");
            }
            int linkType = le32(header, 20);
            if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_LINUX_SLL) {
                throw new CaptureFormatException(file + ": link type " + linkType + " (expected: 1 Ethernet or 113 Linux cooked)");
            }
            return new PcapSource(file, in, linkType);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static final class PcapSource implements CaptureSource {
        private final Path file;
        private final InputStream in;
        private final int linkType;
        private final Map<String, Long> skipped = new TreeMap<>();
        private long frames;
        private long ipv4;
        private long bytes = 24;

        PcapSource(Path file, InputStream in, int linkType) {
            this.file = file;
            this.in = in;
            this.linkType = linkType;
        }

        @Override
        public CaptureFrame next() throws IOException {
            byte[] rec = new byte[16];
            while (true) {
                int n = in.readNBytes(rec, 0, 16);
                if (n == 0) {
                    return null;
                }
                if (n < 16) {
                    throw new CaptureFormatException(file + ": frame " + (frames + 1) + " header cut off at byte " + bytes);
                }
                long sec = le32(rec, 0) & 0xffffffffL;
                long usec = le32(rec, 4) & 0xffffffffL;
                int incl = le32(rec, 8);
                int orig = le32(rec, 12);
                if (incl < 0 || incl > 1 << 20) {
                    throw new CaptureFormatException(file + ": frame " + (frames + 1) + " claims " + incl + " bytes at byte " + bytes);
                }
                byte[] data = in.readNBytes(incl);
                if (data.length < incl) {
                    throw new CaptureFormatException(file + ": frame " + (frames + 1) + " cut off at byte " + bytes);
                }
                bytes += 16 + incl;
                frames++;
                int l3 = linkType == LINKTYPE_ETHERNET ? 14 : 16;
                if (data.length < l3) {
                    skip("short-link-header");
                    continue;
                }
                int etherType = (data[l3 - 2] & 0xff) << 8 | data[l3 - 1] & 0xff;
                if (etherType != 0x0800) {
                    skip(etherType == 0x86dd ? "ipv6" : etherType == 0x0806 ? "arp" : "ethertype-0x" + Integer.toHexString(etherType));
                    continue;
                }
                ipv4++;
                byte[] ip = java.util.Arrays.copyOfRange(data, l3, data.length);
                return new CaptureFrame(frames, sec * 1_000_000_000L + usec * 1000, ip, incl < orig, null);
            }
        }

        private void skip(String reason) {
            skipped.merge(reason, 1L, Long::sum);
        }

        @Override
        public CaptureStats stats() {
            return new CaptureStats(frames, ipv4, skipped, bytes);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
