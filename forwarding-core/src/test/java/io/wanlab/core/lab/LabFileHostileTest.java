package io.wanlab.core.lab;

import static io.wanlab.core.lab.LabFileFixtures.BASE;
import static io.wanlab.core.lab.LabFileFixtures.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Files built to exhaust memory, stack or time must fail fast with a LabFileException. */
@Timeout(20)
class LabFileHostileTest {
    private static final LabFileLoader LOADER = new LabFileLoader();
    private static final Duration QUICK = Duration.ofSeconds(5);

    record Hostile(String name, String yaml, String field, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileFiles() {
        return Stream.of(
                new Hostile("billion laughs", billionLaughs(), "yaml", "aliases for non-scalar nodes"),
                new Hostile("deep flow nesting", "name: x\nsites: " + "[".repeat(200_000), "yaml",
                        "nesting deeper than 32 levels (expected: at most 32 nested lists and mappings)"),
                new Hostile("deep block nesting", deepBlocks(40), "yaml", "nesting deeper than 32 levels"),
                new Hostile("recursive alias", edit(BASE, "sites:\n  - name: site-a", "sites: &s\n  - *s\n  - name: site-a"),
                        "sites[0]", "found a list (expected: a site"),
                new Hostile("alias multiplying values", multiplied(), "sites[", "more than 200000 values to read"),
                new Hostile("text over 1 MiB", "name: " + "x".repeat(LabFileLoader.MAX_FILE_BYTES), "file",
                        "larger than 1048576 characters"),
                new Hostile("huge key", "name: x\n" + "k".repeat(500_000) + ": 1\n", "yaml",
                        "could not find expected ':'"),
                new Hostile("long unknown key", "name: x\n" + "k".repeat(1000) + ": 1\n", "k".repeat(40) + "...",
                        "unknown field '" + "k".repeat(40) + "...' (expected: one of name"),
                new Hostile("huge value", edit(BASE, "{host: 198.18.2.10}", "{host: " + "1".repeat(500_000) + "}"),
                        "rules[1].destination[1].host", "500000 characters (expected: an address a.b.c.d)"),
                new Hostile("byte order mark then garbage", "\uFEFF\u0000\u0000", "yaml", "U+0000"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("hostileFiles")
    void hostileFileFailsFastAndClearly(Hostile hostile) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> LOADER.parse("evil.yaml", hostile.yaml()))
                .isInstanceOfSatisfying(LabFileException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.field()).startsWith(hostile.field());
                        assertThat(p.message()).contains(hostile.expected());
                    });
                    assertThat(e.getMessage().length()).as("the report stays small").isLessThan(20_000);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast").isLessThan(QUICK);
    }

    @Test
    void aFewAliasesAreFine() {
        String yaml = edit(BASE,
                "    destination: [{site: site-b}]\n", "    destination: &b [{site: site-b}]\n",
                "    destination: [{subnet: 198.18.2.0/24}, {host: 198.18.2.10}, {range: 198.18.2.20-198.18.2.29}]\n",
                "    destination: *b\n");

        LabFile lab = LOADER.parse("alias.yaml", yaml);

        assertThat(lab.rules().get(1).destination()).containsExactly(new EndpointMatch.SiteRef("site-b"));
    }

    /** Ten levels of ten aliases each: 10^10 strings if expanded. */
    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            sb.append('a').append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                sb.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    private static String deepBlocks(int depth) {
        StringBuilder sb = new StringBuilder("name: x\n");
        for (int i = 0; i < depth; i++) {
            sb.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return sb.append("  ".repeat(depth)).append("v\n").toString();
    }

    /**
     * Under the alias limit but costly: 40 references to a site with 10,000 subnets make 400,000
     * values from a file of about 120 KB.
     */
    private static String multiplied() {
        StringBuilder sb = new StringBuilder("name: x\nsites:\n  - &s {name: s, socket: socket-s, subnets: [");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append("1.2.3.4/32");
        }
        sb.append("]}\n");
        for (int i = 0; i < 40; i++) {
            sb.append("  - *s\n");
        }
        return sb.toString();
    }
}
