package io.wanlab.bench.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPrettyTest {
    @Test
    void nestedContainersAreIndentedAndFlatOnesStayOnOneLine() {
        String status = "{\"node\":\"socket-a\",\"ready\":true,\"counters\":{\"a\":1,\"b\":2},"
                + "\"links\":[{\"name\":\"off-cloud\",\"up\":true},{\"name\":\"cato-a\",\"up\":false}],\"flows\":[],\"note\":\"x, {y}: \\\"z\\\"\"}";
        assertThat(JsonPretty.indent(status)).isEqualTo("""
                {
                  "node": "socket-a",
                  "ready": true,
                  "counters": {"a":1,"b":2},
                  "links": [
                    {"name":"off-cloud","up":true},
                    {"name":"cato-a","up":false}
                  ],
                  "flows": [],
                  "note": "x, {y}: \\"z\\""
                }""");
    }

    @Test
    void whatIsNotJsonComesOutAsItWentIn() {
        assertThat(JsonPretty.indent("no answer {")).isEqualTo("no answer {");
        assertThat(JsonPretty.indent("")).isEmpty();
    }
}
