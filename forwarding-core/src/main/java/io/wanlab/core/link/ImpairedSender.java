package io.wanlab.core.link;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wanlab.core.lab.Impairment;
import io.wanlab.core.packet.DropReason;
import io.wanlab.core.packet.PathCounters;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A link end's sending side through its {@link ImpairmentStage}, on the node's event loop: books
 * each impairment drop by reason and each held packet as {@code queued} on the link's
 * {@link PathCounters}, and releases held packets on a timer of the loop into the link (then
 * flushes it). Its {@link #gate()} sits in the link's channel pipeline and drops the link's own
 * frames (keepalives, Hellos) while the link is dark, so a blackhole looks to the peer like a
 * dead WAN and the peer declares the link down. With no impairment set, the link never calls it
 * for packets and the gate costs one field read per frame.
 */
final class ImpairedSender {
    private final EventLoop loop;
    private final PathCounters sending;
    private final ImpairmentStage.Sink forward;
    private final Runnable flush;
    private final LongSupplier clock;
    private final Gate gate = new Gate();
    private ImpairmentStage stage;
    private ScheduledFuture<?> timer;
    private long timerDueNanos = Long.MAX_VALUE;
    private long controlDropped;

    ImpairedSender(EventLoop loop, PathCounters sending, ImpairmentStage.Sink forward, Runnable flush, LongSupplier clock) {
        this.loop = requireNonNull(loop, "loop");
        this.sending = requireNonNull(sending, "sending");
        this.forward = requireNonNull(forward, "forward");
        this.flush = requireNonNull(flush, "flush");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Whether packets go through the stage (an impairment is set). */
    boolean active() {
        return stage != null;
    }

    Impairment settings() {
        return stage == null ? Impairment.NONE : stage.settings();
    }

    /**
     * Replaces the settings from now on. Packets the old settings held go on at once: a change
     * neither loses nor reorders what is in flight.
     */
    void set(Impairment settings) {
        if (stage != null) {
            int n = stage.drainTo(this::release);
            if (n > 0) {
                flush.run();
            }
        }
        cancelTimer();
        stage = settings.isNone() ? null : new ImpairmentStage(settings, clock.getAsLong());
    }

    /** One packet (counted in already) with its offload metadata; takes ownership. */
    void offer(ByteBuf packet, long offload) {
        long now = clock.getAsLong();
        int before = stage.queued();
        DropReason drop = stage.offerWith(packet, offload, now, forward);
        if (drop != DropReason.NONE) {
            sending.drop(drop);
            return;
        }
        if (stage.queued() > before) {
            sending.hold(1);
            schedule();
        }
    }

    private void release(ByteBuf packet, long offload) {
        sending.unhold(1);
        forward.accept(packet, offload);
    }

    private void schedule() {
        long due = stage.nextDueNanos();
        if (due >= timerDueNanos) {
            return;
        }
        cancelTimer();
        timerDueNanos = due;
        timer = loop.schedule(this::onTimer, Math.max(0, due - clock.getAsLong()), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        timerDueNanos = Long.MAX_VALUE;
        if (stage == null) {
            return;
        }
        if (stage.releaseTo(clock.getAsLong(), this::release) > 0) {
            flush.run();
        }
        if (stage.queued() > 0) {
            schedule();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerDueNanos = Long.MAX_VALUE;
    }

    /** The link stopped: held packets are dropped as {@link DropReason#LINK_CLOSED}. */
    void stop() {
        cancelTimer();
        if (stage != null) {
            int n = stage.drain(ByteBuf::release);
            sending.unhold(n);
            sending.drop(DropReason.LINK_CLOSED, n);
        }
    }

    boolean dark() {
        return stage != null && stage.dark(clock.getAsLong());
    }

    /** Keepalives, Hellos and Challenges the gate dropped while the link was dark. */
    long controlDropped() {
        return controlDropped;
    }

    ChannelHandler gate() {
        return gate;
    }

    /** Drops the link's own frames while it is dark; Data frames were impaired packet by packet already. */
    @ChannelHandler.Sharable
    private final class Gate extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (stage != null && !(msg instanceof Frame.Data) && msg instanceof Frame && dark()) {
                controlDropped++;
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
                return;
            }
            ctx.write(msg, promise);
        }
    }
}
