package io.wanlab.core.pcap;

/**
 * Constants of the pcapng format (draft-ietf-opsawg-pcapng) that the writer and reader share.
 *
 * <p>LINKTYPE_IPV4 (228) rather than LINKTYPE_RAW (101), although both describe a bare IP packet:
 * libpcap (1.10.3, so tcpdump on Debian 12) compares every later Interface Description Block's
 * LINKTYPE with the DLT it mapped the first one to. For RAW those differ (101 vs DLT_RAW 12), so
 * tcpdump stops at the second interface with "an interface has a type 101 different from the type
 * of the first interface"; for IPV4 both are 228. Checked with tcpdump 4.99.3 and tshark 4.0.17.
 * libpcap also refuses interfaces whose snap length differs, hence one snap length for all.
 */
public final class Pcapng {
    /** Raw IPv4: the packet starts with the IPv4 header, no link-layer header. */
    public static final int LINKTYPE_IPV4 = 228;
    /** Largest captured length; longer packets are truncated (libpcap's usual maximum). */
    public static final int SNAP_LENGTH = 262_144;
    /** Largest UTF-8 length of a comment or other string option; longer ones are cut and end with "...". */
    public static final int MAX_STRING_BYTES = 1024;

    static final int BLOCK_SECTION_HEADER = 0x0A0D0D0A;
    static final int BLOCK_INTERFACE_DESCRIPTION = 0x00000001;
    static final int BLOCK_ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    static final int OPT_END_OF_OPT = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_SHB_HARDWARE = 2;
    static final int OPT_SHB_OS = 3;
    static final int OPT_SHB_USERAPPL = 4;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_DESCRIPTION = 3;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;

    /** if_tsresol value for nanoseconds (10^-9). */
    static final int TSRESOL_NANOS = 9;

    private Pcapng() {
    }

    /** Rounds up to the next multiple of 4, the alignment of every pcapng field. */
    static int pad4(int length) {
        return (length + 3) & ~3;
    }
}
