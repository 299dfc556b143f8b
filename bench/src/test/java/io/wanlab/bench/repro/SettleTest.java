package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettleTest {
    @Test
    void quietOnlyWhenNeitherTheProxyNorItsKernelHoldsAConnection() {
        assertThat(Settle.open("{\"node\":\"pop\",\"proxy-connections\":0,\"kernel-connections\":0}")).isNull();
        assertThat(Settle.open("{\"node\":\"pop\",\"proxy-connections\":0,\"kernel-connections\":1}"))
                .as("a FIN the kernel still retransmits").contains("1 kernel socket");
        assertThat(Settle.open("{\"node\":\"pop\",\"proxy-connections\":2,\"kernel-connections\":0}")).contains("2 proxy connection");
    }
}
