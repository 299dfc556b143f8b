package io.wanlab.core.pcap;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens any capture a user hands us: pcap (microsecond and nanosecond magic, both byte orders) or
 * pcapng (every section, both byte orders), told apart by the magic, and streams its IPv4 packets.
 * Link types: Ethernet (with any number of 802.1Q/802.1ad tags), Linux cooked v1 and v2, raw IPv4,
 * raw IP (101, and 12 on some systems). Memory stays bounded whatever the file size: a read-ahead
 * window of 1 MiB, growing only for a block actually present, at most 16 MiB.
 *
 * <p>Hand-written rather than a library: the maintained Java pcap libraries (pcap4j, jNetPcap)
 * wrap the native libpcap, which must then be installed and loaded, and libpcap drops pcapng
 * comments, the lab's per-packet evidence; the pure-Java readers we found (Kaitai-generated
 * parsers, small pcap-only readers) read only classic pcap, or load the whole file into memory, or
 * are unmaintained. Both formats fit in three small classes here, tested against files written by
 * tcpdump, dumpcap and editcap.
 */
public final class CaptureFiles {
    private static final int PCAPNG_MAGIC = Pcapng.BLOCK_SECTION_HEADER;
    private static final int GZIP_MAGIC = 0x1F8B;

    private CaptureFiles() {
    }

    /**
     * Opens {@code file} and reads its file or first section header. Throws
     * {@link CaptureFormatException} for a file that is neither format or whose header is broken.
     */
    public static CaptureSource open(Path file) throws IOException {
        requireNonNull(file, "file");
        FileChannel channel = FileChannel.open(file);
        try {
            CaptureInput input = new CaptureInput(channel, channel.size());
            if (!input.request(4)) {
                throw new CaptureFormatException(file, 0, "file of " + input.available()
                        + " bytes (expected: a pcap or pcapng header)");
            }
            int magic = input.buffer().order(ByteOrder.BIG_ENDIAN).getInt(input.buffer().position());
            if (magic == PCAPNG_MAGIC) {
                return new PcapngSource(file, input);
            }
            if (isPcap(magic) || isPcap(Integer.reverseBytes(magic))) {
                return new PcapSource(file, input);
            }
            String hint = magic >>> 16 == GZIP_MAGIC ? "; it looks gzip-compressed: gunzip it first" : "";
            throw new CaptureFormatException(file, 0, "magic 0x%08x (expected: pcap a1b2c3d4 or a1b23c4d,"
                    .formatted(magic) + " or pcapng 0a0d0d0a, in either byte order)" + hint);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean isPcap(int magic) {
        return magic == PcapSource.MAGIC_MICROS || magic == PcapSource.MAGIC_NANOS;
    }
}
