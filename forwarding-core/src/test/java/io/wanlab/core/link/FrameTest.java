package io.wanlab.core.link;

import static io.wanlab.core.link.FrameBytes.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameTest {

    static Stream<Arguments> badHellos() {
        return Stream.of(
                Arguments.of("negative version", -1, "a", "b", 0, "version: -1 (expected: 0..65535)"),
                Arguments.of("version above u16", 65_536, "a", "b", 0, "version: 65536"),
                Arguments.of("empty node", 1, "", "b", 0, "node: '' (expected: 1..64 characters of [a-z0-9-])"),
                Arguments.of("upper-case node", 1, "Pop", "b", 0, "node: 'Pop'"),
                Arguments.of("node of 65", 1, "a".repeat(65), "b", 0, "node: 'aaaa"),
                Arguments.of("non-ascii link", 1, "a", "lïnk", 0, "link: 'lïnk'"),
                Arguments.of("link with space", 1, "a", "off cloud", 0, "link: 'off cloud'"),
                Arguments.of("tag of 65", 1, "a", "b", 65, "authTag: 65 bytes (expected: at most 64)"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("badHellos")
    void badHelloIsRefused(String name, int version, String node, String link, int tagLength, String message) {
        assertThatThrownBy(() -> new Frame.Hello(version, node, link, new byte[tagLength]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void helloIsAValueWithAPrivateTag() {
        byte[] tag = filled(8, 1);
        Frame.Hello hello = new Frame.Hello(1, "socket-a", "cato-a", tag);
        tag[0] = 99;
        assertThat(hello.authTag()).as("the constructor copied the tag").isEqualTo(filled(8, 1));
        hello.authTag()[1] = 99;
        assertThat(hello.authTag()).as("the accessor hands out a copy").isEqualTo(filled(8, 1));
        assertThat(hello).isEqualTo(new Frame.Hello(1, "socket-a", "cato-a", filled(8, 1)))
                .hasSameHashCodeAs(new Frame.Hello(1, "socket-a", "cato-a", filled(8, 1)))
                .isNotEqualTo(new Frame.Hello(1, "socket-a", "cato-a", filled(8, 2)));
        assertThat(hello).hasToString("Hello[version=1, node=socket-a, link=cato-a, authTag=8 bytes]");
    }

    @Test
    void dataReleasesItsPacketsWithItself() {
        ByteBuf a = Unpooled.copiedBuffer(filled(10, 1));
        ByteBuf b = Unpooled.copiedBuffer(filled(20, 2));
        Frame.Data data = Frame.Data.of(a, b);
        assertThat(data.count()).isEqualTo(2);
        assertThat(data.packetBytes()).isEqualTo(30);
        assertThat(data.bodyLength()).isEqualTo(2 + 12 + 22);
        data.retain();
        assertThat(data.release()).isFalse();
        assertThat(a.refCnt()).as("packets live while the frame does").isEqualTo(1);
        assertThat(data.release()).isTrue();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        assertThatThrownBy(() -> data.packet(0)).isInstanceOf(IllegalReferenceCountException.class);
    }

    @Test
    void refusedDataReleasesThePacketsItWasGiven() {
        ByteBuf good = Unpooled.copiedBuffer(filled(10, 1));
        ByteBuf empty = Unpooled.buffer(0);
        assertThatThrownBy(() -> Frame.Data.of(good, empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packets[1]: 0 bytes (expected: 1..65535)");
        assertThat(good.refCnt()).isZero();
        assertThat(empty.refCnt()).isZero();
        ByteBuf huge = Unpooled.buffer(65_536).writeZero(65_536);
        assertThatThrownBy(() -> Frame.Data.of(huge)).hasMessage("packets[0]: 65536 bytes (expected: 1..65535)");
        assertThat(huge.refCnt()).isZero();
        assertThatThrownBy(() -> Frame.Data.of(new ByteBuf[0])).hasMessage("packets: 0 (expected: 1..65535)");
    }
}
