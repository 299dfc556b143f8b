package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.throughput.IperfResult;
import io.wanlab.bench.throughput.IperfRunner;
import java.time.Duration;

/**
 * A bulk transfer: iperf3 from the client to the server's host through the lab for a few seconds,
 * on whatever path the current phase gives a new TCP flow to port 5201. Not a disturbance: a
 * transfer that fails is a failed step.
 */
final class BulkStep implements SoakStep {
    private final IperfRunner iperf;
    private final int seconds;
    private final Duration period;

    BulkStep(IperfRunner iperf, int seconds, Duration period) {
        this.iperf = requireNonNull(iperf, "iperf");
        this.seconds = seconds;
        this.period = requireNonNull(period, "period");
    }

    @Override
    public String name() {
        return "bulk";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public Duration offset() {
        return period.dividedBy(2);
    }

    @Override
    public boolean disturbs() {
        return false;
    }

    @Override
    public String run() throws Exception {
        IperfResult r = iperf.measure(seconds, 1);
        return String.format("iperf3 %d s client > server: %.0f Mbit/s received", seconds, r.receiverMbps());
    }
}
