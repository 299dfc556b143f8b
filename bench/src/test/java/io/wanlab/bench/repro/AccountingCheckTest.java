package io.wanlab.bench.repro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The after-scenario check reads a node's status: books that balance pass, anything else is a MISSING line with numbers. */
class AccountingCheckTest {
    static final String KERNEL = "\"kernel\":{\"wl-lan\":{\"rx_packets\":4,\"rx_dropped\":0,\"tx_packets\":10,\"tx_dropped\":162313}}";

    static String socket(String accounting) {
        return "{\"node\":\"socket-a\",\"role\":\"socket\",\"ready\":true" + accounting + "," + KERNEL + "}";
    }

    @Test
    void aNodeWithoutBooksFailsTheScenario() {
        var lines = AccountingCheck.lines("socket-a", "{\"node\":\"socket-a\",\"role\":\"socket\",\"tun-write-drops\":0,\"drops\":{}}");
        assertThat(lines).singleElement().asString().startsWith("MISSING: accounting: socket-a keeps no books");
        assertThat(AccountingCheck.pass(lines)).isFalse();
    }

    @Test
    void balancedBooksPassAndShowTheKernelsDrops() {
        var lines = AccountingCheck.lines("socket-a", socket(",\"accounting\":{\"in\":12,\"out\":11,\"dropped\":1,\"problems\":[],"
                + "\"paths\":[{\"path\":\"lan\",\"side\":\"ingress\",\"in\":8,\"out\":7,\"dropped\":1,\"drops\":{\"no-route\":1},"
                + "\"kernel\":{\"device\":\"wl-lan\",\"tx_packets\":10,\"tx_dropped\":162313}}]}"));
        assertThat(AccountingCheck.pass(lines)).as(String.join("\n", lines)).isTrue();
        assertThat(lines.getFirst()).isEqualTo("accounting: socket-a: in 12 = out 11 + dropped 1 (lan no-route 1); "
                + "kernel: wl-lan tx_dropped 162313 rx_dropped 0");
    }

    @Test
    void unbalancedBooksAndMoreThanTheKernelGaveAreNamed() {
        var lines = AccountingCheck.lines("socket-a", socket(",\"accounting\":{\"in\":12,\"out\":10,\"dropped\":1,"
                + "\"problems\":[\"path lan: in 12 != out 10 + dropped 1 (1 unaccounted)\"],"
                + "\"paths\":[{\"path\":\"lan\",\"side\":\"ingress\",\"in\":12,\"out\":10,\"dropped\":1,\"drops\":{},"
                + "\"kernel\":{\"device\":\"wl-lan\",\"tx_packets\":10,\"tx_dropped\":0}}]}"));
        assertThat(lines).contains("MISSING: accounting: socket-a path lan: in 12 != out 10 + dropped 1 (1 unaccounted)",
                "MISSING: accounting: socket-a path lan: counted 12 in, but the kernel's wl-lan tx_packets is 10");
        assertThat(AccountingCheck.pass(lines)).isFalse();
    }

    @Test
    void hostsKeepNoBooks() {
        assertThat(AccountingCheck.lines("server", "{\"node\":\"server\",\"role\":\"server\"}")).isEmpty();
    }
}
