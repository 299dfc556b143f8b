package io.wanlab.core.appid;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the application identification parsers (Jazzer). For the two
 * incremental parsers the first input byte sets the segment size (0: the rest at once). Contract:
 * no exception at all, an answer on every offer, a final answer never changes, and an identified
 * name is well formed. Without JAZZER_FUZZ=1 this replays the corpus in
 * {@code AppIdJazzerTestInputs/<method>}; {@code ./wanlab fuzz} explores.
 */
class AppIdJazzerTest {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63})*|\\[[0-9a-f:.]+]");

    @FuzzTest
    void clientHelloParser(byte[] data) {
        offerInSegments(new ClientHelloParser()::offer, data);
    }

    @FuzzTest
    void clientHelloReader(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        Identification r = ClientHelloReader.read(buf, 0, data.length);
        assertThat(r).as("an answer").isNotNull();
        assertThat(r.isFinal()).as("a whole body gets a final answer: %s", r).isTrue();
        assertWellFormed(r);
        assertThat(buf.readerIndex()).as("absolute reads only").isZero();
    }

    @FuzzTest
    void httpHostParser(byte[] data) {
        offerInSegments(new HttpHostParser()::offer, data);
    }

    private static void offerInSegments(Function<ByteBuf, Identification> offer, byte[] data) {
        if (data.length == 0) {
            return;
        }
        int segment = data[0] == 0 ? Integer.MAX_VALUE : data[0] & 0xff;
        Identification last = NotYet.INSTANCE;
        for (int at = 1; at < data.length; ) {
            int n = Math.min(data.length - at, segment);
            Identification r = Segments.offerOneUntracked(offer, Arrays.copyOfRange(data, at, at + n));
            at += n;
            assertThat(r).as("an answer on every offer").isNotNull();
            if (last.isFinal()) {
                assertThat(r).as("a final answer never changes").isSameAs(last);
            }
            last = r;
        }
        assertWellFormed(last);
    }

    private static void assertWellFormed(Identification r) {
        if (r instanceof Identified id) {
            assertThat(id.serverName() == null || NAME.matcher(id.serverName()).matches())
                    .as("identified name '%s' is well formed", id.serverName()).isTrue();
            assertThat(id.alpn()).allSatisfy(p -> assertThat(p).isNotEmpty());
        }
    }
}
