package io.wanlab.core.flow;

/** The classes of flow that get their own idle timeout and their own expiry and eviction counters. */
public enum FlowKind {
    /** TCP that is not established yet (including a SYN never answered) and saw no FIN or RST. */
    TCP_HALF_OPEN,
    TCP_ESTABLISHED,
    /** TCP after a FIN or RST in either direction. */
    TCP_CLOSING,
    UDP,
    /** Every other IP protocol, ICMP included. */
    OTHER;

    static final int COUNT = 5;
    private static final int TCP = 6;
    private static final int UDP_PROTOCOL = 17;
    private static final FlowKind[] BY_ORDINAL = values();

    public static FlowKind ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }

    /** The kind of a flow with this IP protocol number and {@link TcpTracker} bits. */
    public static FlowKind classify(int ipProtocol, int tcpBits) {
        if (ipProtocol == TCP) {
            if ((tcpBits & TcpTracker.CLOSING) != 0) {
                return TCP_CLOSING;
            }
            return (tcpBits & TcpTracker.ESTABLISHED) != 0 ? TCP_ESTABLISHED : TCP_HALF_OPEN;
        }
        return ipProtocol == UDP_PROTOCOL ? UDP : OTHER;
    }
}
