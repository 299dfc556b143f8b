package io.wanlab.core.packet;

/** TCP flag bits as found in byte 13 of the TCP header. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    // tcpdump's letters and order, so that our logs read like a capture: [S], [S.], [P.], [F.], [R].
    private static final int[] BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR};
    private static final char[] LETTERS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

    private TcpFlags() {
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** tcpdump-style letters without brackets, e.g. "S." for SYN+ACK, "none" when no bit is set. */
    public static String format(int flags) {
        if ((flags & 0xff) == 0) {
            return "none";
        }
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                out.append(LETTERS[i]);
            }
        }
        return out.toString();
    }
}
