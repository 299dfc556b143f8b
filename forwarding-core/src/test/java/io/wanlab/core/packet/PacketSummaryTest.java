package io.wanlab.core.packet;

import static io.wanlab.core.packet.PacketFixtures.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketSummaryTest {
    private static final Map<String, byte[]> REAL = PacketFixtures.realPackets();

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
            "syn|198.18.1.10:40000 > 198.18.2.10:443 TCP [S] seq=1 len=0",
            "synAck|198.18.2.10:443 > 198.18.1.10:40000 TCP [S.] seq=100 ack=2 len=0",
            "data|198.18.1.10:40000 > 198.18.2.10:443 TCP [P.] seq=2 ack=101 len=5",
            "rst|198.18.2.10:443 > 198.18.1.10:40000 TCP [R] seq=101 len=0",
            "fin|198.18.1.10:40000 > 198.18.2.10:443 TCP [F.] seq=7 ack=101 len=0",
            "udp|198.18.1.10:5353 > 198.18.2.10:53 UDP len=5",
            "icmpEchoRequest|198.18.1.10 > 198.18.2.10 ICMP echo-request id=4660 seq=7 len=5",
            "icmpEchoReply|198.18.2.10 > 198.18.1.10 ICMP echo-reply id=4660 seq=7 len=5",
            "gre|198.18.1.10 > 198.18.2.10 proto-47 len=5"
    })
    void oneLinePerPacket(String kind, String expected) {
        ByteBuf buf = exact(REAL.get(kind));
        assertThat(PacketSummary.of(buf)).isEqualTo(expected);
        PacketView view = new PacketView();
        view.wrap(buf);
        assertThat(view).as("toString delegates").hasToString(expected);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', value = {
            "0|none",
            "2|S",
            "18|S.",
            "17|F.",
            "24|P.",
            "4|R",
            "255|FSRP.UEW"
    })
    void tcpdumpFlagLetters(int flags, String expected) {
        assertThat(TcpFlags.format(flags)).isEqualTo(expected);
    }

    @Test
    void seqIsUnsignedAndDropsSayWhy() {
        assertThat(PacketSummary.of(exact(PacketFixtures.drain(Packets.ack(1, 2, 3, 4, -1, -2)))))
                .isEqualTo("0.0.0.1:2 > 0.0.0.3:4 TCP [.] seq=4294967295 ack=4294967294 len=0");
        assertThat(PacketSummary.of(exact(new byte[7]))).isEqualTo("dropped TRUNCATED (7 bytes)");
    }
}
