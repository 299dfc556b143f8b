package io.wanlab.core.flow;

import static io.wanlab.core.flow.TcpTracker.ESTABLISHED;
import static io.wanlab.core.flow.TcpTracker.FIN_SEEN;
import static io.wanlab.core.flow.TcpTracker.FLAG_ACK;
import static io.wanlab.core.flow.TcpTracker.FLAG_FIN;
import static io.wanlab.core.flow.TcpTracker.FLAG_RST;
import static io.wanlab.core.flow.TcpTracker.FLAG_SYN;
import static io.wanlab.core.flow.TcpTracker.RST_SEEN;
import static io.wanlab.core.flow.TcpTracker.SYN_ACK_SEEN;
import static io.wanlab.core.flow.TcpTracker.SYN_SEEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TcpTrackerTest {
    /** A segment: flags byte and direction ('>' forward, '<' reverse). */
    private record Segment(int flags, boolean forward) {
    }

    private static Segment fwd(int flags) {
        return new Segment(flags, true);
    }

    private static Segment rev(int flags) {
        return new Segment(flags, false);
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("SYN only", new Segment[] {fwd(FLAG_SYN)}, SYN_SEEN, FlowKind.TCP_HALF_OPEN),
                Arguments.of("SYN, SYN+ACK", new Segment[] {fwd(FLAG_SYN), rev(FLAG_SYN | FLAG_ACK)},
                        SYN_SEEN | SYN_ACK_SEEN, FlowKind.TCP_HALF_OPEN),
                Arguments.of("three-way handshake", new Segment[] {fwd(FLAG_SYN), rev(FLAG_SYN | FLAG_ACK), fwd(FLAG_ACK)},
                        SYN_SEEN | SYN_ACK_SEEN | ESTABLISHED, FlowKind.TCP_ESTABLISHED),
                Arguments.of("ACK from the responder does not establish",
                        new Segment[] {fwd(FLAG_SYN), rev(FLAG_SYN | FLAG_ACK), rev(FLAG_ACK)},
                        SYN_SEEN | SYN_ACK_SEEN, FlowKind.TCP_HALF_OPEN),
                Arguments.of("SYN answered by RST", new Segment[] {fwd(FLAG_SYN), rev(FLAG_RST | FLAG_ACK)},
                        SYN_SEEN | RST_SEEN, FlowKind.TCP_CLOSING),
                Arguments.of("established then FIN", new Segment[] {fwd(FLAG_SYN), rev(FLAG_SYN | FLAG_ACK), fwd(FLAG_ACK),
                        rev(FLAG_FIN | FLAG_ACK)}, SYN_SEEN | SYN_ACK_SEEN | ESTABLISHED | FIN_SEEN | TcpTracker.FIN_REVERSE,
                        FlowKind.TCP_CLOSING),
                Arguments.of("mid-stream ACKs both ways", new Segment[] {fwd(FLAG_ACK), rev(FLAG_ACK)},
                        ESTABLISHED, FlowKind.TCP_ESTABLISHED),
                Arguments.of("mid-stream ACKs one way only", new Segment[] {fwd(FLAG_ACK), fwd(FLAG_ACK)},
                        0, FlowKind.TCP_HALF_OPEN),
                Arguments.of("SYN+ACK in the forward direction is ignored", new Segment[] {fwd(FLAG_SYN | FLAG_ACK)},
                        0, FlowKind.TCP_HALF_OPEN));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("sequences")
    void segmentsMoveTheBits(String name, Segment[] segments, int expectedBits, FlowKind expectedKind) {
        int bits = 0;
        boolean forwardSeen = false;
        boolean reverseSeen = false;
        for (Segment s : segments) {
            bits = TcpTracker.update(bits, s.flags(), s.forward(), s.forward() ? reverseSeen : forwardSeen);
            forwardSeen |= s.forward();
            reverseSeen |= !s.forward();
        }

        assertThat(bits).isEqualTo(expectedBits);
        assertThat(FlowKind.classify(6, bits)).isEqualTo(expectedKind);
    }
}
