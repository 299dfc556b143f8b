package io.wanlab.pop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InspectionTest {
    private static String describe(String sni, String payload) {
        ByteBuf buf = Unpooled.copiedBuffer(payload, StandardCharsets.ISO_8859_1);
        try {
            return Inspection.describe(sni, buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void recordsTheRequestLineAndHost() {
        assertThat(describe("crm.site-b.lab", "GET /accounts HTTP/1.1\r\nhost: crm.site-b.lab\r\nAccept: */*\r\n\r\n"))
                .isEqualTo("SNI crm.site-b.lab, request 'GET /accounts HTTP/1.1', Host crm.site-b.lab");
    }

    @Test
    void nonHttpPayloadIsCountedNotQuoted() {
        assertThat(describe(null, "\u0000\u0001garbage\r\nmore")).isEqualTo("SNI (none), 15 bytes of non-HTTP payload");
    }

    @Test
    void hostileBytesInAHeaderDoNotReachTheEventLog() {
        assertThat(describe("x.lab", "GET / HTTP/1.1\r\nHost: a\u0007b\u00ffc\r\n\r\n")).endsWith("Host a?b?c");
        assertThat(describe("x.lab", "GET /" + "a".repeat(500) + " HTTP/1.1\r\n\r\n")).contains("...'");
    }

    @Test
    void anEmptyFirstReadIsJustTheSni() {
        assertThat(Inspection.describe("x.lab", Unpooled.EMPTY_BUFFER)).isEqualTo("SNI x.lab");
    }
}
