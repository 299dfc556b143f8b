package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelConnectionsTest {
    private static final boolean[] PROXIED = new boolean[65536];

    static {
        PROXIED[443] = true;
    }

    @Test
    void countsProxiedSocketsThatMayStillSend() {
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",   // listener
                "   1: 0A0212C6:01BB 0A0112C6:9C40 04 00000000:00000000 01:00000020 00000003     0        0 0 1",   // FIN_WAIT1 client leg
                "   2: 0A0112C6:A000 0A0212C6:01BB 01 00000000:00000000 00:00000000 00000000     0        0 2 1",   // server leg
                "   3: 0A0212C6:01BB 0A0112C6:9C41 06 00000000:00000000 03:00000100 00000000     0        0 0 3",   // TIME_WAIT
                "   4: 020113C6:1BBC 010113C6:D000 01 00000000:00000000 00:00000000 00000000     0        0 3 1"); // a tunnel (7100)
        assertThat(KernelConnections.count(lines, PROXIED)).as("FIN_WAIT1 client leg and an established server leg").isEqualTo(2);
    }

    @Test
    void nothingOpenIsZero() {
        assertThat(KernelConnections.count(List.of("  sl  local_address rem_address   st"), PROXIED)).isZero();
    }
}
