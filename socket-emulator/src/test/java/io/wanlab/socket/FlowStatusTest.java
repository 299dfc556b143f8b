package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.json.Json;
import io.wanlab.core.net.Ipv4;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FlowStatusTest {
    /** A flood's view of the table in status: live flows at the bound, and every flow past it an eviction, by kind. */
    @Test
    void theTableInStatusShowsItsBoundAndTheEvictionsPastIt() {
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withCapacity(4));
        int client = Ipv4.parse("198.18.1.10");
        int server = Ipv4.parse("198.18.2.10");
        for (int port = 40_000; port < 40_010; port++) {
            table.lookupOrCreate(client, server, 6, port, 443, 1_000L * port);
        }

        JsonNode ft = Json.strict().readTree(Json.write(g -> {
            g.writeStartObject();
            FlowStatus.writeTable(table.stats(), g);
            g.writeEndObject();
        })).path("flow-table");

        assertThat(ft.path("size").asLong()).isEqualTo(4);
        assertThat(ft.path("capacity").asLong()).isEqualTo(4);
        assertThat(ft.path("inserts").asLong()).isEqualTo(10);
        assertThat(ft.path("evictions").asLong()).isEqualTo(6);
        assertThat(ft.path("evicted-by-kind").path("tcp-half-open").asLong()).isEqualTo(6);
        assertThat(ft.path("expirations").asLong()).isZero();
        assertThat(ft.path("memory-bytes").asLong()).isEqualTo(table.memoryBytes()).isPositive();
    }
}
