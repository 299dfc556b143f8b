package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.wanlab.core.json.Json;
import io.wanlab.server.ca.LabCa;
import io.wanlab.server.ca.TlsProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TlsInspectorTest {
    @Test
    void bothLegsRunOnTheProviderOfThisJvmAndTheStatusCountsMintsAndCacheHits() throws Exception {
        TlsInspector inspector = TlsInspector.fromCas(LabCa.createInspection("pop-test"), LabCa.create("sites-test"));
        inspector.minter().mint("crm.site-b.lab");
        inspector.minter().mint("crm.site-b.lab");

        String engine = TlsProvider.current() == TlsProvider.JDK ? "Jdk" : "OpenSsl";
        assertThat(inspector.upstream().newEngine(ByteBufAllocator.DEFAULT).getClass().getSimpleName()).contains(engine);
        assertThat(inspector.minter().mint("crm.site-b.lab").newEngine(ByteBufAllocator.DEFAULT).getClass().getSimpleName())
                .contains(engine);
        JsonNode status = Json.strict().readTree(Json.write(g -> {
            g.writeStartObject();
            inspector.writeStatus(g);
            g.writeEndObject();
        })).get("inspection");
        assertThat(status.get("tls-provider").stringValue()).isEqualTo(TlsProvider.current().label());
        assertThat(status.get("mint-cache-hits").longValue()).as("the second and third ask for crm; the warm-up may add one")
                .isGreaterThanOrEqualTo(2);
        assertThat(status.get("mints").longValue()).as("crm, and the fallback name if the warm-up ran already").isBetween(1L, 2L);
    }
}
