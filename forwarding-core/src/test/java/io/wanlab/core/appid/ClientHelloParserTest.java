package io.wanlab.core.appid;

import static io.wanlab.core.appid.ClientHelloBuilder.Field.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wanlab.core.appid.ClientHelloBuilder.Field;
import io.wanlab.core.appid.Identified.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A parser that stops advancing would hang; the timeout turns that into a failure. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientHelloParserTest {
    private static final byte[] JDK_HELLO = JdkClientHellos.clientHello("app.site-b.lab", "h2", "http/1.1");
    private static final Identified JDK_EXPECTED = new Identified(Kind.TLS, "app.site-b.lab", List.of("h2", "http/1.1"), null, null);

    /**
     * A ClientHello past one MTU, shaped like a current browser's: a 1,216-byte X25519MLKEM768 share
     * beside a classic X25519 one, signature algorithms and a GREASE encrypted_client_hello.
     */
    private static final ClientHelloBuilder PQ = new ClientHelloBuilder()
            .sni("pq.site-b.lab")
            .alpn("h2")
            .keyShare(ClientHelloBuilder.X25519_MLKEM768, 1216)
            .keyShare(ClientHelloBuilder.X25519, 32)
            .extension(0x000d, new byte[] {0, 16, 4, 3, 8, 4, 4, 1, 5, 3, 8, 5, 5, 1, 8, 6, 6, 1})
            .extension(0xfe0d, new byte[218]);
    private static final Identified PQ_EXPECTED = new Identified(Kind.TLS, "pq.site-b.lab", List.of("h2"), null, null);

    private static Identification parse(List<byte[]> segments) {
        return Segments.last(new ClientHelloParser()::offer, segments);
    }

    @Test
    void readsJdkClientHelloInOneSegment() {
        assertThat(JDK_HELLO[0]).as("the JDK wrote a handshake record").isEqualTo((byte) 22);
        assertThat(parse(Segments.whole(JDK_HELLO))).isEqualTo(JDK_EXPECTED);
    }

    @Test
    void copiesOnlyWhatSpansSegments() {
        ClientHelloParser whole = new ClientHelloParser();
        Segments.offerOne(whole::offer, JDK_HELLO);
        assertThat(whole.copiedBytes()).as("a hello within one segment and one record is read in place").isZero();

        ClientHelloParser split = new ClientHelloParser();
        Segments.offerAll(split::offer, Segments.split(TlsRecords.concat(JDK_HELLO, new byte[100]), 200));
        assertThat(split.copiedBytes())
                .as("a split hello copies its body once, and nothing after it")
                .isEqualTo(JDK_HELLO.length - 5 - 4);
    }

    @Test
    void readsJdkClientHelloSplitAtEveryPoint() {
        for (int at = 1; at < JDK_HELLO.length; at++) {
            List<Identification> results = Segments.offerAll(new ClientHelloParser()::offer, Segments.split(JDK_HELLO, at));
            assertThat(results).as("split at %d", at).containsExactly(NotYet.INSTANCE, JDK_EXPECTED);
        }
    }

    @Test
    void readsJdkClientHelloOneByteAtATime() {
        List<Identification> results = Segments.offerAll(new ClientHelloParser()::offer, Segments.chunks(JDK_HELLO, 1));
        assertThat(results.subList(0, results.size() - 1)).as("every byte but the last asks for more").containsOnly(NotYet.INSTANCE);
        assertThat(results.getLast()).isEqualTo(JDK_EXPECTED);
    }

    @ParameterizedTest(name = "{index}: records of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 16, 64, 100, 255, 400})
    void readsJdkClientHelloReframedIntoSmallRecords(int recordSize) {
        byte[] records = TlsRecords.refragment(JDK_HELLO, recordSize);
        assertThat(TlsRecords.payload(records)).as("re-framing keeps the handshake bytes").isEqualTo(TlsRecords.payload(JDK_HELLO));
        assertThat(parse(Segments.whole(records))).isEqualTo(JDK_EXPECTED);
        assertThat(parse(Segments.chunks(records, 1))).isEqualTo(JDK_EXPECTED);
        assertThat(parse(Segments.chunks(records, 13))).isEqualTo(JDK_EXPECTED);
    }

    @Test
    void readsJdkClientHelloReframedAndSplitAtEveryPoint() {
        byte[] records = TlsRecords.refragment(JDK_HELLO, 50);
        for (int at = 1; at < records.length; at++) {
            assertThat(parse(Segments.split(records, at))).as("split at %d", at).isEqualTo(JDK_EXPECTED);
        }
    }

    @Test
    void readsJdkClientHelloWithoutSni() {
        byte[] hello = JdkClientHellos.clientHello(null, "http/1.1");
        assertThat(parse(Segments.whole(hello))).isEqualTo(new Identified(Kind.TLS, null, List.of("http/1.1"), null, null));
    }

    @Test
    void readsPostQuantumClientHelloInTwoSegments() {
        byte[] hello = PQ.records();
        assertThat(hello.length).as("the key share pushes the hello past one MTU").isGreaterThan(1500);
        List<Identification> results = Segments.offerAll(new ClientHelloParser()::offer, Segments.split(hello, 1460));
        assertThat(results).containsExactly(NotYet.INSTANCE, PQ_EXPECTED);
    }

    @Test
    void readsPostQuantumClientHelloAcrossRecordsAndSegments() {
        byte[] records = PQ.records(1000);
        assertThat(TlsRecords.payload(records).length).isGreaterThan(1000);
        assertThat(parse(Segments.chunks(records, 1460))).isEqualTo(PQ_EXPECTED);
        assertThat(parse(Segments.chunks(records, 536))).isEqualTo(PQ_EXPECTED);
        for (int at = 1; at < records.length; at += 7) {
            assertThat(parse(Segments.split(records, at))).as("split at %d", at).isEqualTo(PQ_EXPECTED);
        }
    }

    @Test
    void everyTruncationAsksForMore() {
        for (byte[] hello : List.of(JDK_HELLO, PQ.records(700), TlsRecords.refragment(JDK_HELLO, 3))) {
            for (int length = 1; length < hello.length; length++) {
                assertThat(parse(Segments.whole(TlsRecords.prefix(hello, length))))
                        .as("a %d-byte prefix of a %d-byte hello", length, hello.length)
                        .isSameAs(NotYet.INSTANCE);
            }
        }
    }

    @Test
    void declaredLongerThanDeliveredAsksForMore() {
        byte[] hello = new ClientHelloBuilder().sni("a.lab").lie(HANDSHAKE_LENGTH, 900).records(2000);
        assertThat(parse(Segments.whole(hello))).isSameAs(NotYet.INSTANCE);
    }

    @Test
    void clientHelloWithoutExtensionsNamesNothing() {
        byte[] hello = new ClientHelloBuilder().noExtensions().records();
        assertThat(parse(Segments.whole(hello))).isEqualTo(new Identified(Kind.TLS, null, List.of(), null, null));
    }

    @Test
    void sniListWithOnlyAnUnknownNameTypeNamesNothing() {
        byte[] hello = new ClientHelloBuilder().sniEntry(7, ascii("opaque-name")).alpn("h2").records();
        assertThat(parse(Segments.whole(hello)))
                .as("unknown SNI name types are skipped, not refused")
                .isEqualTo(new Identified(Kind.TLS, null, List.of("h2"), null, null));
    }

    @Test
    void firstHostNameAfterUnknownTypesCounts() {
        byte[] hello = new ClientHelloBuilder().sniEntry(7, ascii("x")).sni("first.lab").sni("second.lab").records();
        assertThat(parse(Segments.whole(hello))).extracting(r -> ((Identified) r).serverName()).isEqualTo("first.lab");
    }

    @Test
    void sniIsLowerCasedWithoutTrailingDot() {
        byte[] hello = new ClientHelloBuilder().sni("App.Site-B.LAB.").records();
        assertThat(parse(Segments.whole(hello))).extracting(r -> ((Identified) r).serverName()).isEqualTo("app.site-b.lab");
    }

    @Test
    void acceptsEveryRecordVersionFromTls10To13() {
        for (int version = 0x0301; version <= 0x0304; version++) {
            byte[] hello = new ClientHelloBuilder().sni("v.lab").lie(RECORD_VERSION, version).records();
            assertThat(parse(Segments.whole(hello))).as("record version %04x", version).isInstanceOf(Identified.class);
        }
    }

    @Test
    void clientHelloOfExactly16KiBIsRead() {
        byte[] records = new ClientHelloBuilder().sni("big.lab").handshakeSize(ClientHelloParser.MAX_CLIENT_HELLO).records(4000);
        assertThat(TlsRecords.payload(records)).hasSize(ClientHelloParser.MAX_CLIENT_HELLO);
        assertThat(parse(Segments.chunks(records, 1460))).isEqualTo(new Identified(Kind.TLS, "big.lab", List.of(), null, null));
    }

    @Test
    void clientHelloPast16KiBGivesUpOnItsHeader() {
        byte[] records = new ClientHelloBuilder().sni("big.lab").handshakeSize(ClientHelloParser.MAX_CLIENT_HELLO + 1).records(4000);
        List<Identification> results = Segments.offerAll(new ClientHelloParser()::offer, Segments.chunks(records, 1460));
        assertThat(results.getFirst())
                .as("refused on the declared length, before buffering anything")
                .isEqualTo(new GaveUp("client hello exceeds 16384 bytes (declared 16385)"));
    }

    @Test
    void finalResultIsKeptWhateverFollows() {
        ClientHelloParser parser = new ClientHelloParser();
        Identification first = Segments.offerOne(parser::offer, JDK_HELLO);
        assertThat(Segments.offerOne(parser::offer, ascii("SSH-2.0-OpenSSH_9.6\r\n"))).isSameAs(first);
        assertThat(Segments.offerOne(parser::offer, new byte[0])).isSameAs(first);

        ClientHelloParser refused = new ClientHelloParser();
        Identification gaveUp = Segments.offerOne(refused::offer, ascii("SSH-2.0"));
        assertThat(Segments.offerOne(refused::offer, JDK_HELLO)).isSameAs(gaveUp);
    }

    @Test
    void laterRecordOfAnotherTypeEndsTheSearch() {
        byte[] records = TlsRecords.refragment(JDK_HELLO, 100);
        records[105] = 23; // the second record's type
        assertThat(parse(Segments.whole(records))).isEqualTo(new GaveUp("not a handshake record: type 23"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("malformed")
    void refusesMalformedClientHellos(byte[] hello, String reason) {
        assertThat(parse(Segments.whole(hello))).isEqualTo(new GaveUp(reason));
        assertThat(parse(Segments.chunks(hello, 1))).as("the same answer byte by byte").isEqualTo(new GaveUp(reason));
    }

    static Stream<Arguments> malformed() {
        int sniExtensionLength = 2 + 3 + "a.lab".length();
        return Stream.of(
                lie("record type 23", RECORD_TYPE, 23, "not a handshake record: type 23"),
                lie("record version 0x0300", RECORD_VERSION, 0x0300, "record version 0x0300 (expected: 0x0301..0x0304)"),
                lie("record version 0x0305", RECORD_VERSION, 0x0305, "record version 0x0305 (expected: 0x0301..0x0304)"),
                lie("record version 0x0201", RECORD_VERSION, 0x0201, "record version 0x0201 (expected: 0x0301..0x0304)"),
                lie("record length 0", RECORD_LENGTH, 0, "empty handshake record"),
                lie("record length 16641", RECORD_LENGTH, 16641, "record length 16641 exceeds 16640"),
                lie("record length 65535", RECORD_LENGTH, 65535, "record length 65535 exceeds 16640"),
                lie("handshake type 2", HANDSHAKE_TYPE, 2, "handshake type 2 is not a ClientHello"),
                lie("handshake length 16381", HANDSHAKE_LENGTH, 16381, "client hello exceeds 16384 bytes (declared 16385)"),
                lie("handshake length 2^24-1", HANDSHAKE_LENGTH, 0xffffff, "client hello exceeds 16384 bytes (declared 16777219)"),
                lie("handshake length 0", HANDSHAKE_LENGTH, 0, "client hello body of 0 bytes (expected: at least 35)"),
                lie("handshake length short", HANDSHAKE_LENGTH, 90,
                        "extensions length 32 beyond handshake (remaining 9)"),
                lie("client version 0x0202", CLIENT_VERSION, 0x0202, "client hello version 0x202 (expected: 0x03xx)"),
                lie("session id length 33", SESSION_ID_LENGTH, 33, "session id length 33 exceeds 32"),
                lie("cipher suites length 65000", CIPHER_SUITES_LENGTH, 65000, "cipher suites length 65000 beyond handshake (remaining 44)"),
                lie("cipher suites length odd", CIPHER_SUITES_LENGTH, 3, "cipher suites length 3 (expected: even, at least 2)"),
                lie("cipher suites length 0", CIPHER_SUITES_LENGTH, 0, "cipher suites length 0 (expected: even, at least 2)"),
                lie("compression length 200", COMPRESSION_LENGTH, 200, "compression methods length 200 beyond handshake (remaining 35)"),
                lie("compression length 0", COMPRESSION_LENGTH, 0, "compression methods length 0 (expected: at least 1)"),
                lie("extensions length beyond", EXTENSIONS_LENGTH, 33, "extensions length 33 beyond handshake (remaining 32)"),
                lie("extensions length short", EXTENSIONS_LENGTH, 31, "extensions length 31 leaves 1 trailing bytes in handshake"),
                lie("sni extension length beyond", SNI_EXTENSION_LENGTH, 1000, "extension 0x0000 length 1000 beyond handshake (remaining 28)"),
                lie("sni extension length 1", SNI_EXTENSION_LENGTH, 1, "sni list length beyond extension (extension length 1)"),
                lie("sni list length beyond", SNI_LIST_LENGTH, 9, "sni list length 9 does not match extension length " + sniExtensionLength),
                lie("sni name length beyond", SNI_NAME_LENGTH, 200, "sni name length 200 beyond extension (remaining 5)"),
                lie("sni name length 0", SNI_NAME_LENGTH, 0, "sni host name: empty"),
                lie("alpn extension length beyond", ALPN_EXTENSION_LENGTH, 500, "extension 0x0010 length 500 beyond handshake (remaining 5)"),
                lie("alpn list length beyond", ALPN_LIST_LENGTH, 4, "alpn list length 4 does not match extension length 5"),
                lie("alpn name length beyond", ALPN_NAME_LENGTH, 50, "alpn protocol length 50 beyond extension (remaining 2)"),
                lie("alpn name length 0", ALPN_NAME_LENGTH, 0, "alpn protocol name empty"),
                hello("zero-length sni", new ClientHelloBuilder().sniEntry(0, new byte[0]), "sni host name: empty"),
                hello("empty sni list", new ClientHelloBuilder().emptySniList(), "sni list empty"),
                hello("sni with '/'", new ClientHelloBuilder().sni("bad/host.lab"), "sni host name: invalid character 0x2f at index 3"),
                hello("sni with NUL", new ClientHelloBuilder().sniEntry(0, new byte[] {'a', 0, 'b'}), "sni host name: invalid character 0x00 at index 1"),
                hello("sni with space", new ClientHelloBuilder().sni("a b"), "sni host name: invalid character 0x20 at index 1"),
                hello("sni with UTF-8", new ClientHelloBuilder().sniEntry(0, "é.lab".getBytes(StandardCharsets.UTF_8)),
                        "sni host name: invalid character 0xc3 at index 0"),
                hello("sni with empty label", new ClientHelloBuilder().sni("a..lab"), "sni host name: empty label at index 2"),
                hello("sni with leading dot", new ClientHelloBuilder().sni(".lab"), "sni host name: empty label at index 0"),
                hello("sni of a lone dot", new ClientHelloBuilder().sni("."), "sni host name: empty label at index 0"),
                hello("sni with 64-character label", new ClientHelloBuilder().sni("x".repeat(64) + ".lab"),
                        "sni host name: label of 64 characters at index 0 (expected: 1..63)"),
                hello("sni of 254 characters", new ClientHelloBuilder().sni(longName(254)), "sni host name: length 254 (expected: 1..253)"),
                hello("sni of 300 characters", new ClientHelloBuilder().sni(longName(300)), "sni host name: length 300 (expected: 1..253)"),
                hello("duplicate sni extension", new ClientHelloBuilder().sni("a.lab").extension(0, sniData("b.lab")),
                        "duplicate extension 0x0000"),
                hello("duplicate alpn extension", new ClientHelloBuilder().alpn("h2").extension(0x10, new byte[] {0, 3, 2, 'h', '2'}),
                        "duplicate extension 0x0010"),
                hello("empty alpn list", new ClientHelloBuilder().extension(0x10, new byte[] {0, 0}), "alpn list empty"),
                hello("alpn extension of 1 byte", new ClientHelloBuilder().extension(0x10, new byte[] {0}),
                        "alpn list length beyond extension (extension length 1)"),
                raw("ssh banner", ascii("SSH-2.0-OpenSSH_9.6\r\n"), "not a handshake record: type 83"),
                raw("http request", ascii("GET / HTTP/1.1\r\n"), "not a handshake record: type 71"),
                raw("zero bytes", new byte[16], "not a handshake record: type 0"),
                raw("handshake type 255", new byte[] {22, 3, 1, 0, 5, -1, -1, -1, -1, -1}, "handshake type 255 is not a ClientHello"),
                raw("extension header cut short", truncatedExtensionHeader(), "extension header beyond handshake (remaining 3)"),
                raw("extensions length cut short", extensionsLengthCutShort(), "extensions length beyond handshake"));
    }

    private static Arguments lie(String name, Field field, int value, String reason) {
        return hello(name, new ClientHelloBuilder().sni("a.lab").alpn("h2").lie(field, value), reason);
    }

    private static Arguments hello(String name, ClientHelloBuilder builder, String reason) {
        return raw(name, builder.records(), reason);
    }

    private static Arguments raw(String name, byte[] bytes, String reason) {
        return Arguments.of(Named.of(name, bytes), reason);
    }

    /** A body whose extensions block holds three stray bytes: too few for an extension header. */
    private static byte[] truncatedExtensionHeader() {
        byte[] body = TlsRecords.concat(new ClientHelloBuilder().noExtensions().handshake(), new byte[] {0, 3, 0, 0, 0});
        return withHandshakeLength(body);
    }

    /** A body with one stray byte where the extensions length should be. */
    private static byte[] extensionsLengthCutShort() {
        return withHandshakeLength(TlsRecords.concat(new ClientHelloBuilder().noExtensions().handshake(), new byte[] {0}));
    }

    private static byte[] withHandshakeLength(byte[] handshake) {
        int length = handshake.length - 4;
        handshake[1] = (byte) (length >>> 16);
        handshake[2] = (byte) (length >>> 8);
        handshake[3] = (byte) length;
        return TlsRecords.frame(handshake, 16384, 0x0301);
    }

    private static byte[] sniData(String name) {
        byte[] n = ascii(name);
        return TlsRecords.concat(new byte[] {0, (byte) (n.length + 3), 0, 0, (byte) n.length}, n);
    }

    private static String longName(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(sb.isEmpty() ? "" : ".").append("x".repeat(40));
        }
        return sb.substring(0, length - 1) + "y";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
