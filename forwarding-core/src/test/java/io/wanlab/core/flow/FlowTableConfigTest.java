package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlowTableConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        FlowTableConfig config = FlowTableConfig.defaults();

        assertThat(config.capacity()).isEqualTo(1 << 20);
        assertThat(config.idle(FlowKind.TCP_HALF_OPEN)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.idle(FlowKind.TCP_ESTABLISHED)).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.idle(FlowKind.TCP_CLOSING)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.idle(FlowKind.UDP)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.idle(FlowKind.OTHER)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.withCapacity(1024).capacity()).isEqualTo(1024);
    }

    static Stream<Arguments> invalid() {
        FlowTableConfig d = FlowTableConfig.defaults();
        return Stream.of(
                Arguments.of("capacity 0", (UnaryOperator<FlowTableConfig>) c -> c.withCapacity(0), "capacity: 0 (expected: 1..16777215)"),
                Arguments.of("capacity negative", (UnaryOperator<FlowTableConfig>) c -> c.withCapacity(-5), "capacity: -5"),
                Arguments.of("capacity too large", (UnaryOperator<FlowTableConfig>) c -> c.withCapacity(1 << 24), "capacity: 16777216"),
                Arguments.of("zero half-open idle", (UnaryOperator<FlowTableConfig>) c -> new FlowTableConfig(
                        c.capacity(), Duration.ZERO, d.tcpEstablishedIdle(), d.tcpClosingIdle(), d.udpIdle(), d.otherIdle()),
                        "tcpHalfOpenIdle: PT0S"),
                Arguments.of("negative UDP idle", (UnaryOperator<FlowTableConfig>) c -> new FlowTableConfig(
                        c.capacity(), d.tcpHalfOpenIdle(), d.tcpEstablishedIdle(), d.tcpClosingIdle(), Duration.ofSeconds(-1), d.otherIdle()),
                        "udpIdle: PT-1S"),
                Arguments.of("huge other idle", (UnaryOperator<FlowTableConfig>) c -> new FlowTableConfig(
                        c.capacity(), d.tcpHalfOpenIdle(), d.tcpEstablishedIdle(), d.tcpClosingIdle(), d.udpIdle(), Duration.ofDays(400)),
                        "otherIdle: PT9600H"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalid")
    void rejectsOutOfRangeValuesNamingThem(String name, UnaryOperator<FlowTableConfig> change, String message) {
        assertThatThrownBy(() -> change.apply(FlowTableConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsNullTimeoutNamingIt() {
        FlowTableConfig d = FlowTableConfig.defaults();

        assertThatThrownBy(() -> new FlowTableConfig(16, d.tcpHalfOpenIdle(), null, d.tcpClosingIdle(), d.udpIdle(), d.otherIdle()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tcpEstablishedIdle");
    }
}
