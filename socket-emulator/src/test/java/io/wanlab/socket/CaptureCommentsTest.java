package io.wanlab.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.wanlab.core.event.RecordingEventLog;
import io.wanlab.core.flow.FlowTable;
import io.wanlab.core.flow.FlowTableConfig;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LabPresets;
import io.wanlab.core.net.Ipv4;
import io.wanlab.core.packet.Packets;
import io.wanlab.core.rules.RuleEngine;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Capture comments are built once per flow and tap point. Every packet from the LAN is commented
 * twice, at the LAN tap and then at its link's tap, so that is the pattern these tests replay.
 */
class CaptureCommentsTest {
    private static final int CLIENT = Ipv4.parse("198.18.1.10");
    private static final int SERVER = Ipv4.parse("198.18.2.10");

    private final LabFile lab = LabPresets.load("fixed");
    private final FlowSteering steering = steering(lab);
    private final CaptureComments comments = new CaptureComments(lab);

    @Test
    void eachTapPointReusesItsCommentWhileTheFlowStaysTheSame() {
        int link = fromLan(Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        String lan = comments.lan(steering, link);
        String out = comments.out(steering);

        fromLan(Packets.ack(CLIENT, 40000, SERVER, 443, 1001, 5001));

        assertThat(lan).isEqualTo("flow " + steering.lastFlowId() + ": rule #1 '" + lab.rules().get(0).name() + "' -> off-cloud");
        assertThat(out).isEqualTo("flow " + steering.lastFlowId() + ": rule #1 '" + lab.rules().get(0).name() + "' out off-cloud");
        assertThat(comments.lan(steering, link)).as("the LAN tap's comment, not rebuilt after the link tap's").isSameAs(lan);
        assertThat(comments.out(steering)).as("the link tap's comment, not rebuilt after the LAN tap's").isSameAs(out);
    }

    @Test
    void aBulkTransferBuildsNoStringPerPacket() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs com.sun.management.ThreadMXBean to read allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation accounting is off in this JVM");
        int link = fromLan(Packets.syn(CLIENT, 40000, SERVER, 443, 1000));
        long threadId = Thread.currentThread().threadId();
        long sink = packets(link, 10_000); // warms up

        long before = threads.getThreadAllocatedBytes(threadId);
        sink += packets(link, 100_000);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated commenting 100,000 packets at the LAN and link taps").isLessThan(1024);
    }

    private long packets(int link, int count) {
        long sink = 0;
        for (int i = 0; i < count; i++) {
            sink += comments.lan(steering, link).length() + comments.out(steering).length();
        }
        return sink;
    }

    private int fromLan(ByteBuf packet) {
        try {
            return steering.fromLan(packet);
        } finally {
            packet.release();
        }
    }

    private static FlowSteering steering(LabFile lab) {
        SocketLinks links = SocketLinks.of(lab, "socket-a");
        for (int i = 0; i < links.size(); i++) {
            links.setUp(i, true);
        }
        return new FlowSteering("socket-a", RuleEngine.compile(lab), new FlowTable(FlowTableConfig.defaults().withCapacity(64)),
                links, new RecordingEventLog(), System::nanoTime);
    }
}
