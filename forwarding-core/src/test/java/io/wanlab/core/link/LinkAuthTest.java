package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HMAC peer tags: what a Hello must carry to bring up a link, and what gets it refused. */
class LinkAuthTest {
    static final byte[] SECRET = FrameBytes.filled(32, 7);
    static final LinkAuth AUTH = new LinkAuth(SECRET);
    static final LinkAuth OTHER_RUN = new LinkAuth(FrameBytes.filled(32, 8));

    @Test
    void tagIsAnHmacSha256OfNodeAndLink() {
        byte[] tag = AUTH.tag("socket-a", "cato-a");

        assertThat(tag).hasSize(LinkAuth.TAG_LENGTH);
        assertThat(AUTH.tag("socket-a", "cato-a")).as("deterministic for one secret").isEqualTo(tag);
        assertThat(new LinkAuth(SECRET.clone()).tag("socket-a", "cato-a")).as("same secret, same tag").isEqualTo(tag);
        assertThat(AUTH.tag("socket-b", "cato-a")).as("bound to the node").isNotEqualTo(tag);
        assertThat(AUTH.tag("socket-a", "cato-b")).as("bound to the link").isNotEqualTo(tag);
        assertThat(OTHER_RUN.tag("socket-a", "cato-a")).as("bound to the run's secret").isNotEqualTo(tag);
        assertThat(AUTH.tag("cato-a", "socket-a")).as("node and link are not interchangeable").isNotEqualTo(tag);
    }

    @Test
    void secretIsCopiedIn() {
        byte[] secret = SECRET.clone();
        LinkAuth auth = new LinkAuth(secret);
        byte[] before = auth.tag("pop", "cato-a");
        Arrays.fill(secret, (byte) 0);

        assertThat(auth.tag("pop", "cato-a")).as("the caller's array does not change the key").isEqualTo(before);
    }

    @Test
    void rejectsShortSecret() {
        assertThatThrownBy(() -> new LinkAuth(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("link secret: 15 bytes (expected: at least 16)");
        assertThat(new LinkAuth(new byte[16]).tag("a", "b")).hasSize(LinkAuth.TAG_LENGTH);
        assertThatThrownBy(() -> new LinkAuth(null)).isInstanceOf(NullPointerException.class).hasMessage("secret");
    }

    @Test
    void newSecretsAreLongEnoughAndDiffer() {
        byte[] a = LinkAuth.newSecret();
        byte[] b = LinkAuth.newSecret();

        assertThat(a).hasSizeGreaterThanOrEqualTo(LinkAuth.MIN_SECRET);
        assertThat(a).as("random, not a constant").isNotEqualTo(b);
    }

    @Test
    void acceptsTheExpectedPeersHello() {
        Frame.Hello hello = new Frame.Hello(1, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-a"));

        assertThat(AUTH.refuse(hello, "socket-a", "cato-a")).isNull();
    }

    static Stream<Arguments> refusedHellos() {
        return Stream.of(
                Arguments.of("another node", new Frame.Hello(1, "socket-b", "cato-a", AUTH.tag("socket-b", "cato-a")),
                        "hello from 'socket-b' (expected: 'socket-a')"),
                Arguments.of("our own hello reflected back", new Frame.Hello(1, "pop", "cato-a", AUTH.tag("pop", "cato-a")),
                        "hello from 'pop' (expected: 'socket-a')"),
                Arguments.of("another link", new Frame.Hello(1, "socket-a", "cato-b", AUTH.tag("socket-a", "cato-b")),
                        "hello for link 'cato-b' on link 'cato-a'"),
                Arguments.of("another run's secret", new Frame.Hello(1, "socket-a", "cato-a", OTHER_RUN.tag("socket-a", "cato-a")),
                        "bad auth tag"),
                Arguments.of("tag of another link replayed", new Frame.Hello(1, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-b")),
                        "bad auth tag"),
                Arguments.of("tag of another node replayed", new Frame.Hello(1, "socket-a", "cato-a", AUTH.tag("socket-b", "cato-a")),
                        "bad auth tag"),
                Arguments.of("empty tag", new Frame.Hello(1, "socket-a", "cato-a", new byte[0]), "bad auth tag"),
                Arguments.of("truncated tag", new Frame.Hello(1, "socket-a", "cato-a",
                        Arrays.copyOf(AUTH.tag("socket-a", "cato-a"), 31)), "bad auth tag"),
                Arguments.of("tag with trailing bytes", new Frame.Hello(1, "socket-a", "cato-a",
                        Arrays.copyOf(AUTH.tag("socket-a", "cato-a"), 64)), "bad auth tag"),
                Arguments.of("one bit flipped", new Frame.Hello(1, "socket-a", "cato-a", flipped(AUTH.tag("socket-a", "cato-a"))),
                        "bad auth tag"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("refusedHellos")
    void refusesWithAReason(String name, Frame.Hello hello, String why) {
        assertThat(AUTH.refuse(hello, "socket-a", "cato-a")).as("refused, saying why").contains(why);
    }

    private static byte[] flipped(byte[] tag) {
        tag[tag.length - 1] ^= 1;
        return tag;
    }

    @Test
    void secretFileRoundTrips(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("link-secret");
        LinkAuth.write(file, SECRET);

        assertThat(Files.readString(file)).as("hex text, one line").matches("[0-9a-f]{64}\n");
        assertThat(LinkAuth.load(file).tag("pop", "cato-b")).isEqualTo(AUTH.tag("pop", "cato-b"));
    }

    static Stream<Arguments> badSecretFiles() {
        return Stream.of(
                Arguments.of("not hex", "zz".repeat(32)),
                Arguments.of("odd number of digits", "a".repeat(63)),
                Arguments.of("empty", ""),
                Arguments.of("hex, but too short a secret", "ab".repeat(8)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badSecretFiles")
    void badSecretFileIsAnIoErrorNamingTheFile(String name, String text, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("link-secret");
        Files.writeString(file, text);

        assertThatThrownBy(() -> LinkAuth.load(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }

    static final byte[] NONCE_L = FrameBytes.filled(16, 1);
    static final byte[] NONCE_D = FrameBytes.filled(16, 2);

    private static Frame.Hello dialerHello(LinkAuth auth, byte[] answered, byte[] own) {
        return new Frame.Hello(LinkHandler.VERSION, "socket-a", "cato-a", auth.answer(LinkAuth.Role.DIALER, "socket-a", "cato-a", answered, own));
    }

    @Test
    void anAnswerCarriesBothNoncesThenTheHmac() {
        byte[] tag = AUTH.answer(LinkAuth.Role.DIALER, "socket-a", "cato-a", NONCE_L, NONCE_D);

        assertThat(tag).hasSize(LinkAuth.CHALLENGE_TAG_LENGTH).hasSizeLessThanOrEqualTo(FrameFormat.MAX_AUTH_TAG_LENGTH);
        assertThat(Arrays.copyOfRange(tag, 0, 16)).as("the nonce it answers").isEqualTo(NONCE_L);
        assertThat(Arrays.copyOfRange(tag, 16, 32)).as("the sender's own").isEqualTo(NONCE_D);
        assertThat(LinkAuth.ownNonce(dialerHello(AUTH, NONCE_L, NONCE_D))).isEqualTo(NONCE_D);
        assertThat(AUTH.answer(LinkAuth.Role.DIALER, "socket-a", "cato-a", NONCE_L, NONCE_D)).as("deterministic").isEqualTo(tag);
        assertThat(LinkAuth.nonce()).as("fresh nonces differ").isNotEqualTo(LinkAuth.nonce()).hasSize(LinkAuth.NONCE_LENGTH);
    }

    static Stream<Arguments> answers() {
        LinkAuth.Role d = LinkAuth.Role.DIALER;
        return Stream.of(
                Arguments.of("the expected answer", dialerHello(AUTH, NONCE_L, NONCE_D), NONCE_D, null),
                Arguments.of("their nonce not yet known", dialerHello(AUTH, NONCE_L, NONCE_D), null, null),
                Arguments.of("answers another challenge", dialerHello(AUTH, NONCE_D, NONCE_D), null, LinkRefusal.REPLAYED),
                Arguments.of("carries another nonce than they sent", dialerHello(AUTH, NONCE_L, NONCE_L), NONCE_D, LinkRefusal.REPLAYED),
                Arguments.of("another run's secret", dialerHello(OTHER_RUN, NONCE_L, NONCE_D), null, LinkRefusal.BAD_TAG),
                Arguments.of("signed as the other role", new Frame.Hello(1, "socket-a", "cato-a",
                        AUTH.answer(LinkAuth.Role.LISTENER, "socket-a", "cato-a", NONCE_L, NONCE_D)), null, LinkRefusal.BAD_TAG),
                Arguments.of("signed for another link", new Frame.Hello(1, "socket-a", "cato-a",
                        AUTH.answer(d, "socket-a", "cato-b", NONCE_L, NONCE_D)), null, LinkRefusal.BAD_TAG),
                Arguments.of("the static tag", new Frame.Hello(1, "socket-a", "cato-a", AUTH.tag("socket-a", "cato-a")), null,
                        LinkRefusal.BAD_TAG),
                Arguments.of("another node's name", new Frame.Hello(1, "socket-b", "cato-a",
                        AUTH.answer(d, "socket-b", "cato-a", NONCE_L, NONCE_D)), null, LinkRefusal.WRONG_PEER));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("answers")
    void anAnswerIsCheckedAgainstThisConnectionsNonces(String name, Frame.Hello hello, byte[] theirNonce, LinkRefusal expected) {
        LinkAuth.Refusal r = AUTH.checkAnswer(hello, LinkAuth.Role.DIALER, "socket-a", "cato-a", NONCE_L, theirNonce);

        if (expected == null) {
            assertThat(r).isNull();
        } else {
            assertThat(r).isNotNull().extracting(LinkAuth.Refusal::reason).isEqualTo(expected);
        }
    }
}
