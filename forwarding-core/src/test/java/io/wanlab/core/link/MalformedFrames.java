package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.bytes;
import static io.wanlab.core.link.FrameBytes.frame;
import static io.wanlab.core.link.FrameFormat.TYPE_DATA;
import static io.wanlab.core.link.FrameFormat.TYPE_HELLO;
import static io.wanlab.core.link.FrameFormat.TYPE_KEEPALIVE;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Named malformed frames, each a complete frame whose header length matches its body, with a
 * fragment the error message must contain. Shared by the TCP and datagram decoder tests.
 */
final class MalformedFrames {
    private MalformedFrames() {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("bad magic", bytes().u8(0x51).u8(TYPE_DATA).u8(0).u32(5).packet(1).u8(0).toArray(), "frame magic: 0x51"),
                c("text instead of a frame", "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "frame magic: 0x47"),
                c("unsupported version", bytes().u8(0xA2).u8(TYPE_KEEPALIVE).u8(0).u32(8).u64(1).toArray(), "frame version: 2"),
                c("type zero", frame(0, 0, new byte[8]), "frame type: 0"),
                c("type five", frame(5, 0, new byte[8]), "frame type: 5"),
                c("data with flags", frame(TYPE_DATA, 0x01, bytes().u16(1).packet(3).toArray()), "data flags: 0x1"),
                c("hello with flags", frame(TYPE_HELLO, 0x80, hello("a", "b", 0)), "hello flags: 0x80"),
                c("keepalive with unknown flag", frame(TYPE_KEEPALIVE, 0x02, new byte[8]), "keepalive flags: 0x2"),
                c("keepalive body too short", frame(TYPE_KEEPALIVE, 0, new byte[7]), "keepalive body length: 7 (expected: 8)"),
                c("keepalive body too long", frame(TYPE_KEEPALIVE, 0, new byte[9]), "keepalive body length: 9 (expected: 8)"),
                c("challenge body too short", frame(4, 0, new byte[15]), "challenge body length: 15 (expected: 16)"),
                c("challenge with a flag", frame(4, 0x01, new byte[16]), "challenge flags: 0x1"),
                c("hello body too short", frame(TYPE_HELLO, 0, new byte[6]), "hello body length: 6 (expected: 7..197)"),
                c("hello body too long", frame(TYPE_HELLO, 0, new byte[198]), "hello body length: 198"),
                c("data body too short", frame(TYPE_DATA, 0, new byte[4]), "data body length: 4 (expected: 5.."),
                c("data count zero", frame(TYPE_DATA, 0, bytes().u16(0).packet(3).toArray()), "data packet count: 0"),
                c("data count the body cannot hold", frame(TYPE_DATA, 0, bytes().u16(65_535).packet(3).toArray()), "data packet count: 65535 (expected: 1..1 "),
                c("data count lies high", frame(TYPE_DATA, 0, bytes().u16(2).packet(5).toArray()), "data packet 2 of 2: body ends"),
                c("data count lies low", frame(TYPE_DATA, 0, bytes().u16(1).packet(3).packet(3).toArray()), "5 trailing bytes after 1 packets"),
                c("data packet length beyond body", frame(TYPE_DATA, 0, bytes().u16(1).u16(40).raw(new byte[10]).toArray()), "data packet 1 of 1 length: 40 (expected: at most 10"),
                c("data zero-length packet", frame(TYPE_DATA, 0, bytes().u16(2).packet(0).packet(3).toArray()), "data packet 1 of 2 length: 0"),
                c("data second packet beyond body", frame(TYPE_DATA, 0, bytes().u16(2).packet(3).u16(9).raw(new byte[2]).toArray()), "data packet 2 of 2 length: 9"),
                c("hello node length zero", frame(TYPE_HELLO, 0, bytes().u16(1).u8(0).name("bb").u8(0).toArray()), "hello node length: 0"),
                c("hello node length 65", frame(TYPE_HELLO, 0, bytes().u16(1).name("a".repeat(65)).name("b").u8(0).toArray()), "hello node length: 65"),
                c("hello node beyond body", frame(TYPE_HELLO, 0, bytes().u16(1).u8(9).raw(new byte[4]).toArray()), "hello node length: 9 (expected: at most 4"),
                c("hello node upper case", frame(TYPE_HELLO, 0, hello("Socket-a", "b", 0)), "hello node: byte 0x53 at offset 0"),
                c("hello node non-ascii", frame(TYPE_HELLO, 0, bytes().u16(1).u8(2).u8(0xC3).u8(0xA9).name("b").u8(0).toArray()), "hello node: byte 0xc3"),
                c("hello link with a dot", frame(TYPE_HELLO, 0, hello("a", "link.1", 0)), "hello link: byte 0x2e at offset 4"),
                c("hello link missing", frame(TYPE_HELLO, 0, bytes().u16(1).name("abcd").toArray()), "hello link: missing"),
                c("hello tag length byte missing", frame(TYPE_HELLO, 0, bytes().u16(1).name("ab").name("b").toArray()), "hello authTag: missing"),
                c("hello tag length 65", frame(TYPE_HELLO, 0, bytes().u16(1).name("a").name("b").u8(65).raw(new byte[65]).toArray()), "hello authTag length: 65"),
                c("hello tag shorter than said", frame(TYPE_HELLO, 0, bytes().u16(1).name("a").name("b").u8(8).raw(new byte[4]).toArray()), "hello authTag length: 8 (expected: 4"),
                c("hello trailing bytes after tag", frame(TYPE_HELLO, 0, bytes().u16(1).name("a").name("b").u8(1).raw(new byte[3]).toArray()), "hello authTag length: 1 (expected: 3"));
    }

    static byte[] hello(String node, String link, int tagLength) {
        return bytes().u16(1).name(node).name(link).u8(tagLength).raw(new byte[tagLength]).toArray();
    }

    private static Arguments c(String name, byte[] frame, String message) {
        return Arguments.of(name, frame, message);
    }
}
