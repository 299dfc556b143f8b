package io.wanlab.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.packet.DropReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The impairment model on a fake clock: what is dropped, by which reason, and when the rest leaves. */
class ImpairmentStageTest {
    static final long MS = 1_000_000L;

    private static Impairment of(String... words) {
        return Impairment.parse(List.of(words));
    }

    private static ByteBuf packet(int seq, int size) {
        ByteBuf b = Unpooled.buffer(size);
        b.writeInt(seq);
        b.writerIndex(size);
        return b;
    }

    /** What left the stage, with the fake time it left at. */
    static final class Out {
        final List<Integer> seqs = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        long now;

        void accept(ByteBuf p) {
            seqs.add(p.getInt(0));
            times.add(now);
            p.release();
        }
    }

    @Test
    void delayWithJitterHoldsEachPacketAndKeepsTheirOrder() {
        ImpairmentStage stage = new ImpairmentStage(of("delay=30ms", "jitter=10ms", "seed=5"), 0);
        Out out = new Out();
        List<ByteBuf> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.now = i * MS / 2;
            ByteBuf p = packet(i, 100);
            sent.add(p);
            assertThat(stage.offer(p, out.now, out::accept)).isEqualTo(DropReason.NONE);
            stage.release(out.now, out::accept);
            if (out.now < 20 * MS) {
                assertThat(out.seqs).as("nothing leaves before the delay less the jitter").isEmpty();
            }
        }
        assertThat(stage.queued()).as("held, not lost").isEqualTo(200 - out.seqs.size()).isPositive();
        for (long t = 100 * MS; stage.queued() > 0; t += MS / 10) {
            out.now = t;
            stage.release(t, out::accept);
        }
        assertThat(out.seqs).as("jitter never reorders").isSorted().hasSize(200);
        for (int i = 0; i < 200; i++) {
            long sentAt = i * MS / 2;
            long waited = out.times.get(i) - sentAt;
            assertThat(waited).as("packet %d waited %d ns", i, waited).isBetween(20 * MS, 40 * MS + MS / 2);
        }
        assertThat(sent).allMatch(p -> p.refCnt() == 0);
    }

    @Test
    void aPacketOfACleanQueueIsForwardedAtOnceWhenNothingDelaysIt() {
        ImpairmentStage stage = new ImpairmentStage(of("loss=0.5%"), 0);
        Out out = new Out();
        stage.offer(packet(1, 60), 0, out::accept);
        assertThat(out.seqs).containsExactly(1);
        assertThat(stage.queued()).isZero();
        assertThat(stage.nextDueNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lossIsNearItsRateAndTheSameSeedDropsTheSamePackets() {
        List<Integer> first = lostOf(of("loss=10%", "seed=42"));
        List<Integer> again = lostOf(of("loss=10%", "seed=42"));
        List<Integer> other = lostOf(of("loss=10%", "seed=43"));
        assertThat(first.size()).as("10%% of 20000").isBetween(1800, 2200);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(lostOf(of("loss=100%"))).hasSize(20_000);
    }

    private static List<Integer> lostOf(Impairment settings) {
        ImpairmentStage stage = new ImpairmentStage(settings, 0);
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuf p = packet(i, 64);
            DropReason r = stage.offer(p, i * 1000L, ByteBuf::release);
            if (r != DropReason.NONE) {
                assertThat(r).isEqualTo(DropReason.IMPAIR_LOSS);
                assertThat(p.refCnt()).isZero();
                lost.add(i);
            }
        }
        return lost;
    }

    @Test
    void theTokenBucketPacesToItsRateAndTailDropsBeyondItsQueue() {
        // 1 Mbit/s: a 1250-byte packet takes 10 ms on the wire.
        ImpairmentStage stage = new ImpairmentStage(of("rate=1mbit"), 0);
        Out out = new Out();
        Map<DropReason, Integer> verdicts = new EnumMap<>(DropReason.class);
        for (int i = 0; i < 100; i++) {
            verdicts.merge(stage.offer(packet(i, 1250), 0, out::accept), 1, Integer::sum);
        }
        // Burst: 3000 bytes (24 ms at the rate) = 2.4 packets, so 2 leave at once and the third
        // at 6 ms; then one per 10 ms, up to 100 ms of backlog: 12 taken, the rest dropped.
        assertThat(out.seqs).containsExactly(0, 1);
        assertThat(verdicts.get(DropReason.NONE)).isEqualTo(12);
        assertThat(verdicts.get(DropReason.IMPAIR_RATE)).isEqualTo(88);
        for (long t = 0; stage.queued() > 0; t += MS) {
            out.now = t;
            stage.release(t, out::accept);
        }
        assertThat(out.seqs).hasSize(12).isSorted();
        for (int i = 2; i < 12; i++) {
            assertThat(out.times.get(i)).as("packet %d", i).isBetween((i * 10 - 14) * MS, (i * 10 - 14) * MS + MS);
        }
    }

    @Test
    void aSteadyStreamGetsTheRateAndNoMore() {
        ImpairmentStage stage = new ImpairmentStage(of("rate=8mbit"), 0);
        long bytesOut = 0;
        long[] delivered = new long[1];
        // Offered: 1500-byte packets every 0.5 ms = 24 Mbit/s for 2 s.
        for (long t = 0; t < 2000 * MS; t += MS / 2) {
            stage.offer(packet(0, 1500), t, p -> {
                delivered[0] += p.readableBytes();
                p.release();
            });
            final long now = t;
            stage.release(now, p -> {
                delivered[0] += p.readableBytes();
                p.release();
            });
        }
        bytesOut = delivered[0];
        double mbit = bytesOut * 8 / 2.0 / 1e6;
        assertThat(mbit).as("delivered rate").isBetween(7.8, 8.2);
        stage.drain(ByteBuf::release);
    }

    @Test
    void aBlackholeDropsEverythingAndIsDark() {
        ImpairmentStage stage = new ImpairmentStage(of("blackhole", "delay=10ms"), 0);
        Out out = new Out();
        for (int i = 0; i < 50; i++) {
            assertThat(stage.offer(packet(i, 100), i * MS, out::accept)).isEqualTo(DropReason.IMPAIR_BLACKHOLE);
        }
        assertThat(stage.dark(0)).isTrue();
        assertThat(stage.dark(3_600_000 * MS)).isTrue();
        assertThat(stage.queued()).isZero();
        assertThat(out.seqs).isEmpty();
    }

    @Test
    void aFlapIsDownForItsSpellFromTheMomentItIsSetAndAgainEachPeriod() {
        long start = 7_000 * MS;
        ImpairmentStage periodic = new ImpairmentStage(of("flap=500ms/5s"), start);
        assertThat(periodic.dark(start)).isTrue();
        assertThat(periodic.dark(start + 499 * MS)).isTrue();
        assertThat(periodic.dark(start + 500 * MS)).isFalse();
        assertThat(periodic.dark(start + 4_999 * MS)).isFalse();
        assertThat(periodic.dark(start + 5_000 * MS)).isTrue();
        assertThat(periodic.dark(start + 5_499 * MS)).isTrue();
        assertThat(periodic.dark(start + 5_500 * MS)).isFalse();
        assertThat(periodic.offer(packet(1, 60), start + 100 * MS, ByteBuf::release)).isEqualTo(DropReason.IMPAIR_FLAP);
        assertThat(periodic.offer(packet(2, 60), start + 600 * MS, ByteBuf::release)).isEqualTo(DropReason.NONE);

        ImpairmentStage once = new ImpairmentStage(of("flap=200ms"), start);
        assertThat(once.dark(start + 199 * MS)).isTrue();
        assertThat(once.dark(start + 200 * MS)).isFalse();
        assertThat(once.dark(start + 5_100 * MS)).as("no period: once only").isFalse();
    }

    @Test
    void drainHandsOverWhatIsHeldWhateverItsDueTime() {
        ImpairmentStage stage = new ImpairmentStage(of("delay=1s"), 0);
        Out out = new Out();
        for (int i = 0; i < 5; i++) {
            stage.offer(packet(i, 60), 0, out::accept);
        }
        assertThat(stage.nextDueNanos()).isEqualTo(1000 * MS);
        assertThat(stage.drain(out::accept)).isEqualTo(5);
        assertThat(out.seqs).containsExactly(0, 1, 2, 3, 4);
        assertThat(stage.queued()).isZero();
    }
}
