package io.wanlab.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.net.Ipv4;
import org.junit.jupiter.api.Test;

class FlowKeyTest {
    private static final int A = Ipv4.parse("10.0.0.1");
    private static final int B = Ipv4.parse("203.0.113.9");

    @Test
    void bothDirectionsPackTheSameKey() {
        long ab1 = FlowKey.endpoint(A, 40000);
        long ab2 = FlowKey.endpoint(B, 443);

        assertThat(FlowKey.low(ab1, ab2, 6)).isEqualTo(FlowKey.low(ab2, ab1, 6));
        assertThat(FlowKey.high(ab1, ab2)).isEqualTo(FlowKey.high(ab2, ab1));
    }

    @Test
    void swappedPortsOrProtocolGiveDifferentKeys() {
        long a = FlowKey.endpoint(A, 1000);
        long b = FlowKey.endpoint(B, 2000);
        long aSwapped = FlowKey.endpoint(A, 2000);
        long bSwapped = FlowKey.endpoint(B, 1000);

        assertThat(new long[] {FlowKey.low(a, b, 17), FlowKey.high(a, b)})
                .as("A:1000<->B:2000 is not A:2000<->B:1000")
                .isNotEqualTo(new long[] {FlowKey.low(aSwapped, bSwapped, 17), FlowKey.high(aSwapped, bSwapped)});
        assertThat(FlowKey.low(a, b, 17)).isNotEqualTo(FlowKey.low(a, b, 6));
    }

    @Test
    void endpointsDecodeBackIncludingHighBitAddresses() {
        int multicast = Ipv4.parse("239.255.255.250");
        long e = FlowKey.endpoint(multicast, 65535);
        long other = FlowKey.endpoint(A, 0);
        long low = FlowKey.low(e, other, 255);

        assertThat(FlowKey.ip(e)).isEqualTo(multicast);
        assertThat(FlowKey.port(e)).isEqualTo(65535);
        assertThat(FlowKey.lowEndpoint(low)).as("unsigned order puts 10.0.0.1 first").isEqualTo(other);
        assertThat(FlowKey.protocol(low)).isEqualTo(255);
        assertThat(FlowKey.high(e, other)).isEqualTo(e);
    }

    @Test
    void hashSpreadsNeighbouringPorts() {
        long a = FlowKey.endpoint(A, 80);
        long h1 = FlowKey.hash(FlowKey.low(a, FlowKey.endpoint(B, 50000), 6), FlowKey.high(a, FlowKey.endpoint(B, 50000)));
        long h2 = FlowKey.hash(FlowKey.low(a, FlowKey.endpoint(B, 50001), 6), FlowKey.high(a, FlowKey.endpoint(B, 50001)));

        assertThat(Long.bitCount(h1 ^ h2)).as("one port apart flips about half the bits").isBetween(16, 48);
    }
}
