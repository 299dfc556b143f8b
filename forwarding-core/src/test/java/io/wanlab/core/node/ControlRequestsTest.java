package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.wanlab.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Control answers, errors included, are JSON a strict reader takes. */
class ControlRequestsTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully().syncUninterruptibly();
    }

    private ControlRequests requests(String status) {
        return new ControlRequests(loop, () -> status, words -> {
            throw new IllegalArgumentException("--lab \"x\" not found");
        }, r -> "unused");
    }

    @Test
    void statusIsAnsweredOnTheLoop() {
        String status = Json.write(g -> g.writeStartObject().writeStringProperty("node", "socket-a").writeEndObject());
        assertThat(requests(status).answer(" status ")).isEqualTo("{\"node\":\"socket-a\"}");
    }

    @Test
    void failuresAreJsonWithTheReason() {
        JsonNode unknown = Json.strict().readTree(requests("{}").answer("restart now"));
        assertThat(unknown.get("ok").booleanValue()).isFalse();
        assertThat(unknown.get("error").stringValue()).isEqualTo("unknown request 'restart' (expected: status or reload ...)");

        JsonNode reload = Json.strict().readTree(requests("{}").answer("reload --lab x"));
        assertThat(reload.get("error").stringValue()).as("quotes in the reason survive").isEqualTo("reload: --lab \"x\" not found");
    }
}
