package io.wanlab.core.pcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * One packet read back from a capture. {@code data} holds the captured bytes, which are fewer than
 * {@code originalLength} when the writer truncated the packet to its snap length; it is not copied,
 * so treat it as read-only. {@code interfaceName} and {@code comment} are null when absent.
 */
public record CapturedPacket(int interfaceId, String interfaceName, long timestampNanos, byte[] data, String comment,
        int originalLength) {
    public CapturedPacket {
        Objects.requireNonNull(data, "data");
    }

    public boolean truncated() {
        return data.length < originalLength;
    }

    // Records compare arrays by identity; packets read twice should be equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof CapturedPacket that
                && interfaceId == that.interfaceId
                && timestampNanos == that.timestampNanos
                && originalLength == that.originalLength
                && Objects.equals(interfaceName, that.interfaceName)
                && Objects.equals(comment, that.comment)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interfaceId, interfaceName, timestampNanos, Arrays.hashCode(data), comment, originalLength);
    }

    @Override
    public String toString() {
        return "CapturedPacket[interface " + interfaceId + " (" + interfaceName + "), t=" + timestampNanos
                + "ns, " + data.length + "/" + originalLength + " bytes, comment=" + comment + "]";
    }
}
