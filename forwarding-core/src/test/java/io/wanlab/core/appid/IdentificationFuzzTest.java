package io.wanlab.core.appid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated ClientHellos and HTTP requests, fed through the identifier in random segments: whatever
 * the bytes, no exception, an answer on every offer, and only well-formed names ever identified.
 * A fixed seed makes a failure reproducible; the timeouts stand for "bounded work": the parsers
 * are linear, so 50k inputs of a few KiB take seconds, and a loop that stopped advancing would hang.
 */
class IdentificationFuzzTest {
    private static final long SEED = 0x5eed_2025L;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63})*|\\[[0-9a-f:.]+]");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedClientHellosNeverThrow() {
        byte[] jdk = JdkClientHellos.clientHello("app.site-b.lab", "h2", "http/1.1");
        List<byte[]> bases = List.of(
                jdk,
                TlsRecords.refragment(jdk, 37),
                new ClientHelloBuilder().sni("pq.site-b.lab").alpn("h2", "http/1.1")
                        .keyShare(ClientHelloBuilder.X25519_MLKEM768, 1216).keyShare(ClientHelloBuilder.X25519, 32)
                        .records(700));
        Map<String, Integer> outcomes = fuzz(bases, 50_000, new Random(SEED));
        assertThat(outcomes).as("the mutations reach every kind of answer: %s", outcomes)
                .containsKeys("Identified", "GaveUp", "NotYet");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedHttpRequestsNeverThrow() {
        List<byte[]> bases = List.of(
                "GET /index.html HTTP/1.1\r\nUser-Agent: curl/8.5\r\nHost: app.site-b.lab:8080\r\nAccept: */*\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII),
                "POST /api HTTP/1.0\nContent-Length: 2\nHOST: [::1]\n\n{}".getBytes(StandardCharsets.US_ASCII));
        Map<String, Integer> outcomes = fuzz(bases, 20_000, new Random(SEED + 1));
        assertThat(outcomes).as("the mutations reach every kind of answer: %s", outcomes)
                .containsKeys("Identified", "GaveUp", "NotYet");
    }

    private static Map<String, Integer> fuzz(List<byte[]> bases, int rounds, Random random) {
        Map<String, Integer> outcomes = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            byte[] input = mutate(bases.get(random.nextInt(bases.size())), random);
            AppIdentifier identifier = new AppIdentifier(ApplicationCatalog.EMPTY);
            Identification last = NotYet.INSTANCE;
            for (byte[] segment : randomSegments(input, random)) {
                Identification r = Segments.offerOneUntracked(identifier::offer, segment);
                assertThat(r).as("round %d", round).isNotNull();
                if (last.isFinal()) {
                    assertThat(r).as("round %d: a final answer never changes", round).isSameAs(last);
                }
                last = r;
            }
            if (last instanceof Identified id) {
                assertThat(id.serverName() == null || NAME.matcher(id.serverName()).matches())
                        .as("round %d: identified name '%s' is well formed", round, id.serverName())
                        .isTrue();
                assertThat(id.alpn()).as("round %d", round).allSatisfy(p -> assertThat(p).isNotEmpty());
            }
            outcomes.merge(last.getClass().getSimpleName(), 1, Integer::sum);
        }
        return outcomes;
    }

    /** Flips a few bytes, biased towards the front where most length fields sit; sometimes also truncates. */
    private static byte[] mutate(byte[] base, Random random) {
        byte[] b = base.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(80, b.length)) : random.nextInt(b.length);
            b[at] = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> (byte) 0xff;
                default -> (byte) (b[at] ^ (1 + random.nextInt(255)));
            };
        }
        if (random.nextInt(8) == 0) {
            return TlsRecords.prefix(b, 1 + random.nextInt(b.length));
        }
        return b;
    }

    private static List<byte[]> randomSegments(byte[] input, Random random) {
        int cuts = random.nextInt(4);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < cuts && input.length > 1; i++) {
            at.add(1 + random.nextInt(input.length - 1));
        }
        return Segments.split(input, at.stream().sorted().distinct().mapToInt(Integer::intValue).toArray());
    }
}
