package io.wanlab.core.lab;

import static io.wanlab.core.lab.LabFileFixtures.BASE;
import static io.wanlab.core.lab.LabFileFixtures.edit;
import static io.wanlab.core.lab.LabFileFixtures.locate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.LabFileException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A link's {@code impair} and {@code keepalive} in the lab file, and the text form the control socket shares. */
class LinkImpairmentLoaderTest {
    static final LabFileLoader LOADER = new LabFileLoader();
    static final String DIRECT = "  - {name: direct, kind: off-cloud, endpoints: [socket-a, socket-b]}";

    private static LinkSpec direct(String yaml) {
        return LOADER.parse("lab.yaml", yaml).links().stream().filter(l -> l.name().equals("direct")).findFirst().orElseThrow();
    }

    @Test
    void aLinkWithoutImpairIsCleanWithTheDefaultKeepalive() {
        LinkSpec l = direct(BASE);
        assertThat(l.impairmentFrom("socket-a")).isEqualTo(Impairment.NONE);
        assertThat(l.keepalive()).isEqualTo(LinkKeepalive.DEFAULT);
        assertThat(l.keepalive().silentMillis()).as("as the links always were: down after 5 s of silence").isEqualTo(5000);
    }

    @Test
    void oneMappingImpairsBothDirectionsAlike() {
        LinkSpec l = direct(edit(BASE, DIRECT, DIRECT.replace("]}", "],\n     impair: {delay: 30ms, jitter: 5ms, loss: 1%, rate: 10mbit, seed: 9},"
                + "\n     keepalive: {interval: 200ms, misses: 3}}")));
        Impairment expected = Impairment.parse(List.of("delay=30ms", "jitter=5ms", "loss=1%", "rate=10mbit", "seed=9"));
        assertThat(l.impairmentFrom("socket-a")).isEqualTo(expected);
        assertThat(l.impairmentFrom("socket-b")).isEqualTo(expected);
        assertThat(expected.delayMicros()).isEqualTo(30_000);
        assertThat(expected.rateBits()).isEqualTo(10_000_000);
        assertThat(l.keepalive()).isEqualTo(new LinkKeepalive(200, 3));
        assertThat(l.keepalive().silentMillis()).isEqualTo(600);
    }

    @Test
    void eachEndCanImpairWhatItSendsOnItsOwn() {
        LinkSpec l = direct(edit(BASE, DIRECT, DIRECT.replace("]}", "],\n     impair: {socket-a: {blackhole: true}, socket-b: {flap: 500ms/5s}}}")));
        assertThat(l.impairmentFrom("socket-a").blackhole()).isTrue();
        assertThat(l.impairmentFrom("socket-b").blackhole()).isFalse();
        assertThat(l.impairmentFrom("socket-b").flapDownMicros()).isEqualTo(500_000);
        assertThat(l.impairmentFrom("socket-b").flapEveryMicros()).isEqualTo(5_000_000);
    }

    @Test
    void theLabsKeepaliveIsEachLinksDefaultAndALinkMayChangePartOfIt() {
        String yaml = edit(BASE, "name: test-lab\n", "name: test-lab\nkeepalive: {interval: 250ms, misses: 4}\n",
                DIRECT, DIRECT.replace("]}", "], keepalive: {misses: 2}}"));
        LabFile lab = LOADER.parse("lab.yaml", yaml);
        assertThat(lab.links().getFirst().keepalive()).isEqualTo(new LinkKeepalive(250, 4));
        assertThat(direct(yaml).keepalive()).as("the lab's interval, the link's misses").isEqualTo(new LinkKeepalive(250, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{delay: »30 }|links[2].impair.delay|duration: '30' (expected: a number and a unit us, ms or s, such as 30ms)",
        "{loss: »1.5}|links[2].impair.loss|loss: '1.5' (expected: a percentage such as 1% or 0.5%)",
        "{rate: »10mbps}|links[2].impair.rate|rate: '10mbps' (expected: a number and a unit bit, kbit, mbit or gbit",
        "»{delay: 5ms, jitter: 10ms}|links[2].impair|jitter: 10ms exceeds delay 5ms",
        "{socket-a: {delay: 5ms}, »sokcet-b: {delay: 5ms}}|links[2].impair.sokcet-b|unknown field 'sokcet-b', did you mean 'socket-b'?",
        "{delay: 5ms, »dealy: 5ms}|links[2].impair.dealy|unknown field 'dealy', did you mean 'delay'?",
        "{blackhole: »yes}|links[2].impair.blackhole|blackhole: 'yes' (expected: true or false)",
        "{flap: »5s/1s}|links[2].impair.flap|(expected: DOWN or DOWN/EVERY with EVERY longer than DOWN",
    })
    void aBadImpairmentIsOneProblemAtItsPlace(String impair, String field, String message) {
        assertOneProblem("impair: " + impair, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{interval: »10ms}|links[2].keepalive.interval|interval: '10ms' (expected: whole milliseconds from 50ms to 10s)",
        "{interval: 200ms, misses: »1}|links[2].keepalive.misses|misses: '1' (expected: a whole number 2..20)",
        "{interval: 200ms, »mises: 3}|links[2].keepalive.mises|unknown field 'mises', did you mean 'misses'?",
    })
    void aBadKeepaliveIsOneProblemAtItsPlace(String keepalive, String field, String message) {
        assertOneProblem("keepalive: " + keepalive, field, message);
    }

    private static void assertOneProblem(String entry, String field, String message) {
        String plain = entry.replace("»", "");
        String yaml = edit(BASE, DIRECT, DIRECT.replace("]}", "],\n     " + plain + "}"));
        String marked = entry.substring(entry.indexOf(':') + 2);
        Location where = locate("lab.yaml", yaml, marked);
        assertThatThrownBy(() -> LOADER.parse("lab.yaml", yaml)).isInstanceOfSatisfying(LabFileException.class, e -> {
            assertThat(e.problems()).as(e.getMessage()).hasSize(1);
            Problem p = e.problems().getFirst();
            assertThat(p.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(p.location()).as(e.getMessage()).isEqualTo(where);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void theTextFormRoundTripsAndChangesOnlyWhatItNames() {
        Impairment i = Impairment.parse(List.of("delay=30ms", "jitter=1500us", "loss=0.5%", "rate=512kbit", "flap=500ms/5s", "seed=3"));
        assertThat(i.toString()).isEqualTo("delay=30ms jitter=1500us loss=0.5% rate=512kbit flap=500ms/5s seed=3");
        assertThat(Impairment.parse(i.words())).isEqualTo(i);
        Impairment more = i.with(List.of("blackhole", "rate=off"));
        assertThat(more.toString()).isEqualTo("delay=30ms jitter=1500us loss=0.5% blackhole flap=500ms/5s seed=3");
        assertThat(more.with(List.of("blackhole=false", "flap=off", "loss=0", "jitter=0", "delay=0")).isNone()).isTrue();
        assertThat(Impairment.parse(List.of("none"))).isEqualTo(Impairment.NONE);
        assertThat(Impairment.NONE.toString()).isEqualTo("none");
        assertThat(Impairment.parseDuration("1.5s")).isEqualTo(1_500_000);
        assertThatThrownBy(() -> Impairment.NONE.with(List.of("latency=3ms")))
                .hasMessage("unknown impairment 'latency' (expected: one of delay, jitter, loss, rate, blackhole, flap, seed)");
        assertThatThrownBy(() -> Impairment.NONE.with(List.of("loss=101%"))).hasMessageContaining("(expected: 0% to 100%)");
    }
}
