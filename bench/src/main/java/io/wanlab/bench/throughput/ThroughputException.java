package io.wanlab.bench.throughput;

/** A throughput run cannot go on: a missing tool, a lab that is already up, iperf3 failing or reporting an error. */
public final class ThroughputException extends RuntimeException {
    public ThroughputException(String message) {
        super(message);
    }

    public ThroughputException(String message, Throwable cause) {
        super(message, cause);
    }
}
