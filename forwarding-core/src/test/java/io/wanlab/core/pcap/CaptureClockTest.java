package io.wanlab.core.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureClockTest {
    @Test
    void convertsBetweenInstantsAndEpochNanos() {
        Instant instant = Instant.parse("2026-01-01T00:00:00.123456789Z");
        assertThat(CaptureClock.toEpochNanos(instant)).isEqualTo(1_767_225_600_123_456_789L);
        assertThat(CaptureClock.toInstant(1_767_225_600_123_456_789L)).isEqualTo(instant);
        assertThat(CaptureClock.toInstant(-1)).as("before 1970 floors, not truncates")
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        assertThat(CaptureClock.toEpochNanos(CaptureClock.toInstant(-1))).isEqualTo(-1);
        assertThatThrownBy(() -> CaptureClock.toEpochNanos(Instant.parse("2263-01-01T00:00:00Z")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void systemClockIsWallClockTime() {
        Instant before = Instant.now();
        long now = CaptureClock.SYSTEM.epochNanos();
        Instant after = Instant.now();
        assertThat(CaptureClock.toInstant(now)).as("wall clock, not nanoTime's arbitrary origin")
                .isBetween(before, after.plus(Duration.ofMillis(1)));
    }
}
