package io.wanlab.bench.soak;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.client.ClientRequest;
import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.LabTlsClient;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.client.ResolveOverride;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.repro.Scenario;
import io.wanlab.server.ca.LabCaFiles;
import io.wanlab.server.ca.PemFiles;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * New TLS connections at a steady rate from the client's namespace, with the lab's own client:
 * one thread enters the namespace, keeps one {@link LabTlsClient} (its sockets are made by that
 * thread, so in the namespace) and starts a connection every {@code 1/rate} s, round robin over
 * the current phase's kinds of connection, without waiting for the previous one. Each finished
 * connection becomes a {@link Made} with the phase it started in and the one it ended in.
 */
final class SoakConnections {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One connection: what it was for, when it ran (ms since the soak started), what the client saw. */
    record Made(String phase, String endPhase, Scenario probe, long startMillis, long endMillis, Outcome outcome, String detail) {
        /** Whether the client saw what the scenario predicts (a reset in the bug phases is a prediction kept). */
        boolean asPredicted() {
            return outcome == switch (probe.expect()) {
                case RESET -> Outcome.RESET_DURING_HANDSHAKE;
                case OK -> Outcome.OK;
                case TLS_ERROR -> Outcome.TLS_ERROR;
            };
        }

        String path() {
            return probe.path().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + ("alt-wan".equals(probe.direct()) ? "/alt-wan" : "");
        }
    }

    private final String lab;
    private final String clientHost;
    private final Path run;
    private final double rate;
    private final AtomicReference<SoakPhase> phase;
    private final long startNanos;
    private final ConcurrentLinkedQueue<Made> done = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile String failure;
    private Thread thread;

    SoakConnections(String lab, String clientHost, Path run, double rate, AtomicReference<SoakPhase> phase, long startNanos) {
        this.lab = requireNonNull(lab, "lab");
        this.clientHost = requireNonNull(clientHost, "clientHost");
        this.run = requireNonNull(run, "run");
        this.rate = rate;
        this.phase = requireNonNull(phase, "phase");
        this.startNanos = startNanos;
    }

    void start() {
        thread = new Thread(() -> {
            try {
                InNamespace.call(lab, clientHost, () -> {
                    loop();
                    return null;
                });
            } catch (Exception e) {
                failure = "the connection thread failed: " + e;
            } finally {
                stopped.countDown();
            }
        }, "soak-connections");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops starting connections and waits for the ones under way (each ends within its timeout). */
    void stop() throws InterruptedException {
        stop = true;
        stopped.await(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    /** Why the connection thread died, or null. */
    String failure() {
        return failure;
    }

    /** The connections finished since the last call. */
    List<Made> drain() {
        List<Made> out = new ArrayList<>();
        for (Made m; (m = done.poll()) != null; ) {
            out.add(m);
        }
        return out;
    }

    private void loop() throws Exception {
        List<X509Certificate> trust = PemFiles.readCertificates(run.resolve(LabCaFiles.TRUST_FILE));
        List<X509Certificate> sitesOnly = PemFiles.readCertificates(run.resolve(LabCaFiles.CERTIFICATE_FILE));
        record Pending(SoakPhase phase, Scenario probe, long start, Future<ClientResult> result) {
        }
        List<Pending> pending = new ArrayList<>();
        long period = (long) (1e9 / rate);
        long next = System.nanoTime();
        int turn = 0;
        try (LabTlsClient client = new LabTlsClient()) {
            while (!stop || !pending.isEmpty()) {
                if (!stop && System.nanoTime() >= next) {
                    SoakPhase p = phase.get();
                    Scenario probe = p.probes().get(turn++ % p.probes().size());
                    ClientRequest request = ClientRequest.of(probe.route().url(),
                                    probe.path().clientTrustsInspection() ? trust : sitesOnly)
                            .withResolve(ResolveOverride.parse(probe.route().resolve())).withTimeout(TIMEOUT);
                    pending.add(new Pending(p, probe, millis(), client.fetchAsync(request)));
                    next += period;
                }
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Pending c = it.next();
                    if (c.result().isDone()) {
                        it.remove();
                        ClientResult r = c.result().get();
                        done.add(new Made(c.phase().name(), phase.get().name(), c.probe(), c.start(), millis(), r.outcome(), r.detail()));
                    }
                }
                LockSupport.parkNanos(5_000_000);
            }
        }
    }

    private long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
