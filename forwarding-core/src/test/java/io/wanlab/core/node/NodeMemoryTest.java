package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NodeMemoryTest {
    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 5000000 kB
            VmHWM:\t  210000 kB
            VmRSS:\t  180000 kB
            Threads:\t30
            """;

    @Test
    void readsTheResidentSetAndItsPeakInBytes() {
        assertThat(NodeMemory.kilobytes(STATUS, "VmRSS")).isEqualTo(180_000L * 1024);
        assertThat(NodeMemory.kilobytes(STATUS, "VmHWM")).isEqualTo(210_000L * 1024);
    }

    @Test
    void aMissingLineIsUnknownAndAMalformedOneSaysWhy() {
        assertThat(NodeMemory.kilobytes("Name:\tkthreadd\n", "VmRSS")).isEqualTo(-1);
        assertThatThrownBy(() -> NodeMemory.kilobytes("VmRSS:\t12 MB\n", "VmRSS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS").hasMessageContaining("kB");
    }

    @Test
    void thisJvmsFiguresAreThereAndWrittenUnderMemory() {
        NodeMemory m = NodeMemory.now();
        assertThat(m.heapUsed()).isPositive();
        assertThat(m.heapCommitted()).isGreaterThanOrEqualTo(m.heapUsed());
        assertThat(m.rss()).as("VmRSS of this JVM (Linux)").isPositive();
        assertThat(m.rssPeak()).isGreaterThanOrEqualTo(m.rss());

        JsonNode json = Json.strict().readTree(Json.write(g -> {
            g.writeStartObject();
            m.write(g);
            g.writeEndObject();
        })).path("memory");
        assertThat(json.path("rss").asLong()).isEqualTo(m.rss());
        assertThat(json.path("heap-used").asLong()).isEqualTo(m.heapUsed());
        assertThat(json.has("netty-direct")).isTrue();
        assertThat(json.path("leak-detection").asString()).isEqualTo(io.netty.util.ResourceLeakDetector.getLevel().name());
    }
}
