package io.wanlab.core.pcap;

import java.math.BigInteger;

/**
 * An Interface Description Block as read: {@code name} and {@code description} are null when
 * absent; {@code timestampResolution} is the raw if_tsresol byte (6, microseconds, by default).
 */
public record PcapngInterface(int id, int linkType, int snapLength, String name, String description,
        int timestampResolution, long timestampOffsetSeconds) {
    static final int DEFAULT_TSRESOL = 6;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    /**
     * Converts an EPB timestamp (unsigned, in this interface's units) to epoch nanoseconds;
     * throws {@link ArithmeticException} when the result does not fit a long.
     */
    long toEpochNanos(long rawTimestamp) {
        long nanos;
        if ((timestampResolution & 0x80) != 0) {
            // Binary resolution 2^-n: rare (none of our writers use it), so exactness beats speed.
            BigInteger unsigned = new BigInteger(Long.toUnsignedString(rawTimestamp));
            nanos = unsigned.multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                    .shiftRight(timestampResolution & 0x7F).longValueExact();
        } else if (timestampResolution <= 9) {
            if (rawTimestamp < 0) {
                throw new ArithmeticException("timestamp " + Long.toUnsignedString(rawTimestamp) + " overflows");
            }
            nanos = Math.multiplyExact(rawTimestamp, POWERS_OF_TEN[9 - timestampResolution]);
        } else if (timestampResolution - 9 < POWERS_OF_TEN.length) {
            nanos = Long.divideUnsigned(rawTimestamp, POWERS_OF_TEN[timestampResolution - 9]);
        } else {
            nanos = 0;
        }
        return Math.addExact(nanos, Math.multiplyExact(timestampOffsetSeconds, NANOS_PER_SECOND));
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
