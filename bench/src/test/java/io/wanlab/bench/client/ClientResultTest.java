package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClientResultTest {
    @Test
    void rendersAnOkResultAsOneJsonLine() {
        ClientResult ok = new ClientResult(Outcome.OK, "HTTP 200", 12, 200, 57, "body", "TLSv1.3", "TLS_AES_128_GCM_SHA256");

        assertThat(ok.toJson()).isEqualTo("{\"outcome\":\"ok\",\"exit\":0,\"detail\":\"HTTP 200\",\"elapsed_ms\":12,"
                + "\"status\":200,\"bytes\":57,\"tls\":\"TLSv1.3\",\"cipher\":\"TLS_AES_128_GCM_SHA256\"}");
        assertThat(ok.summary()).isEqualTo("ok: HTTP 200, 57 bytes in 12 ms over TLSv1.3 (TLS_AES_128_GCM_SHA256)");
    }

    @Test
    void rendersAFailureWithNullsAndEscapes() {
        ClientResult reset = ClientResult.failure(Outcome.RESET_DURING_HANDSHAKE, "said \"no\"\\\n\u0001", 3);

        assertThat(reset.toJson()).isEqualTo("{\"outcome\":\"reset-during-handshake\",\"exit\":10,"
                + "\"detail\":\"said \\\"no\\\"\\\\\\n\\u0001\",\"elapsed_ms\":3,\"status\":null,\"bytes\":0,"
                + "\"tls\":null,\"cipher\":null}");
        assertThat(reset.summary()).startsWith("reset-during-handshake after 3 ms: said").endsWith("(exit 10)");
    }

    @Test
    void everyOutcomeHasItsOwnExitCodeAndLabel() {
        assertThat(Arrays.stream(Outcome.values()).map(Outcome::exitCode).collect(Collectors.toSet())).hasSize(Outcome.values().length);
        assertThat(Arrays.stream(Outcome.values()).map(o -> o.label() + "=" + o.exitCode()).collect(Collectors.toSet()))
                .isEqualTo(Set.of("ok=0", "reset-during-handshake=10", "reset-after-handshake=11", "timeout=12",
                        "refused=13", "tls-error=14", "other-error=15"));
    }
}
