package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.Packets;
import org.junit.jupiter.api.Test;

/**
 * What the PoP's steering does with a flow's packets as TLS inspection is turned on and off. A reload keeps the flow
 * table (and with it the marks of the flows the proxy held) and builds a new steering on it, as here.
 */
class PopSteeringTest {
    static final int CLIENT = Ipv4.parse("198.18.1.10");
    static final int SERVER = Ipv4.parse("198.18.2.10");
    static final int[] PROXIED_PORTS = {443};

    private final PopRouter router = PopRouter.of(LabPresets.load("bug"));
    private final FlowTable flows = new FlowTable(FlowTableConfig.defaults().withCapacity(256));
    private final int catoA = router.indexOf("cato-a");
    private final int catoB = router.indexOf("cato-b");

    private PopSteering steering(boolean tlsInspection) {
        return new PopSteering(router, flows, tlsInspection, PROXIED_PORTS, System::nanoTime);
    }

    private static int steer(PopSteering steering, ByteBuf packet, int fromLink) {
        try {
            return steering.fromTunnel(packet, fromLink);
        } finally {
            packet.release();
        }
    }

    @Test
    void withInspectionOnASynToAProxiedPortAndTheRestOfItsFlowGoToThePopsKernel() {
        PopSteering on = steering(true);

        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 1000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(steer(on, Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(steer(on, Packets.syn(CLIENT, 40001, SERVER, 80, 1000), catoA)).as("not a proxied port").isEqualTo(catoB);
        assertThat(on.proxiedFlows()).isEqualTo(1);
        assertThat(on.toTun()).isEqualTo(2);
    }

    /**
     * After inspection is turned off, a client that reuses the port of a connection the proxy held (thousands of
     * connections a second wrap the ephemeral ports within the flows' idle time) opens a new connection: it is not the
     * proxy's. Its packets used to follow the old flow's mark into the PoP's kernel, and the client saw its connection
     * reset (bench handshakes, 64 in flight: 4 of some 20,000 pass-through exchanges).
     */
    @Test
    void afterInspectionIsTurnedOffANewConnectionOnAProxiedFlowsPortsPassesThrough() {
        assertThat(steer(steering(true), Packets.syn(CLIENT, 40000, SERVER, 443, 1000), catoA)).isEqualTo(PopSteering.TO_TUN);
        PopSteering off = steering(false);

        assertThat(steer(off, Packets.syn(CLIENT, 40000, SERVER, 443, 77000), catoA)).isEqualTo(catoB);
        assertThat(steer(off, Packets.synAck(SERVER, 443, CLIENT, 40000, 9000, 77001), catoB)).isEqualTo(catoA);
        assertThat(steer(off, Packets.ack(CLIENT, 40000, SERVER, 443, 77001, 9001), catoA)).isEqualTo(catoB);
        assertThat(off.toTun()).isZero();
        assertThat(off.passedThrough()).isEqualTo(3);
    }

    @Test
    void afterInspectionIsTurnedOffTheClosingPacketsOfAConnectionTheProxyHeldStillReachIt() {
        PopSteering on = steering(true);
        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 1000), catoA)).isEqualTo(PopSteering.TO_TUN);
        PopSteering off = steering(false);

        assertThat(steer(off, Packets.fin(CLIENT, 40000, SERVER, 443, 1500, 6000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(steer(off, Packets.ack(SERVER, 443, CLIENT, 40000, 6000, 1501), catoB)).isEqualTo(PopSteering.TO_TUN);
    }

    /**
     * A client that reuses the port of a proxied connection opens a new proxied connection on the old flow: it counts as
     * one (its SYN has another ISN), a retransmitted SYN does not. bench handshakes at 16 in flight once saw 7,252
     * proxied flows for 9,007 inspected exchanges.
     */
    @Test
    void aNewConnectionOnAProxiedFlowsPortsCountsAsProxiedAndARetransmittedSynDoesNot() {
        PopSteering on = steering(true);

        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 1000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 1000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(on.proxiedFlows()).as("a retransmitted SYN").isEqualTo(1);
        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 77000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(steer(on, Packets.syn(CLIENT, 40000, SERVER, 443, 77000), catoA)).isEqualTo(PopSteering.TO_TUN);
        assertThat(on.proxiedFlows()).as("a new connection on the same ports, and its retransmitted SYN").isEqualTo(2);
        assertThat(on.toTun()).isEqualTo(4);
    }
}
