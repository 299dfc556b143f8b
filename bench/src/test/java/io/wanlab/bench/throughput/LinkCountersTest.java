package io.wanlab.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LinkCountersTest {
    static final String STATUS = """
            {"node":"socket-a","role":"socket","ready":true,"transport":"TCP","tun-write-drops":0,"refused":0,
             "counters":{"flows":3},"drops":{},
             "links":[{"name":"cato-a","kind":"cato","peer":"pop","up":true,"sent":0,"received":0,"dropped":0},
                      {"name":"off-cloud","kind":"off-cloud","peer":"socket-b","up":true,"sent":70412,"received":35001,"dropped":12}],
             "flows":[]}
            """;

    @Test
    void readsTheNamedLinksSentAndDropped() {
        assertThat(LinkCounters.fromStatus(STATUS, "off-cloud")).isEqualTo(new LinkCounters(70412, 12));
        assertThat(LinkCounters.fromStatus(STATUS, "cato-a")).isEqualTo(new LinkCounters(0, 0));
    }

    @Test
    void sinceSubtractsAndNeverGoesNegative() {
        assertThat(new LinkCounters(100, 5).since(new LinkCounters(40, 2))).isEqualTo(new LinkCounters(60, 3));
        assertThat(new LinkCounters(3, 0).since(new LinkCounters(40, 2))).as("a restarted node counts from 0")
                .isEqualTo(new LinkCounters(0, 0));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
        "no such link | {\"links\":[]} | no link 'off-cloud'",
        "no links | {\"node\":\"pop\"} | no links array",
        "not an object | [] | no links array",
        "sent missing | {\"links\":[{\"name\":\"off-cloud\",\"dropped\":0}]} | link 'off-cloud' sent is null",
        "sent fractional | {\"links\":[{\"name\":\"off-cloud\",\"sent\":1.5,\"dropped\":0}]} | sent is 1.5",
        "not JSON | status unavailable | status document: not JSON (Unrecognized token 'status'",
        "repeated member (ours: strict) | {\"links\":[{\"name\":\"off-cloud\",\"sent\":1,\"sent\":2,\"dropped\":0}]} | Duplicate Object property \"sent\"",
        "negative | {\"links\":[{\"name\":\"off-cloud\",\"sent\":-1,\"dropped\":0}]} | sent is -1 (expected: a whole number, 0 or more)",
    })
    void malformedStatusIsAClearError(String name, String json, String message) {
        assertThatThrownBy(() -> LinkCounters.fromStatus(json, "off-cloud"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
