package io.wanlab.bench.flood;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.client.ClientRequest;
import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.LabTlsClient;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.client.ResolveOverride;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.lab.NodeSample;
import io.wanlab.bench.repro.AccountingCheck;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import io.wanlab.server.ca.PemFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One SYN flood into a running lab: a sender thread writes {@code syns} SYNs at {@code rate} per
 * second through a raw socket made in the client's namespace; every second the nodes' status is
 * sampled and printed (flow table against its bound, evictions, drops by reason, the kernel's TUN
 * drops, RSS and heap); once half the SYNs are out a real TLS connection is made from the client
 * with the lab's own client; at the end every device's books are checked. The verdict is the
 * {@link FloodReport}'s.
 */
final class FloodRun {
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(15);
    /** How long after the last SYN the nodes get to drain their queues before the last sample. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    /**
     * @param nodes        the nodes to sample (devices and server stubs)
     * @param connectUrl   the real connection: an https URL, resolved with {@code resolve} (HOST:PORT:ADDRESS)
     */
    record Plan(String lab, String clientHost, FloodTargets targets, long syns, int rate, List<String> nodes, Path trustPem,
            String connectUrl, String resolve, long seed) {
        Plan {
            requireNonNull(lab, "lab");
            requireNonNull(clientHost, "clientHost");
            requireNonNull(targets, "targets");
            nodes = List.copyOf(nodes);
            requireNonNull(trustPem, "trustPem");
            requireNonNull(connectUrl, "connectUrl");
            requireNonNull(resolve, "resolve");
            if (syns < 1 || syns > FloodCommand.MAX_SYNS) {
                throw new IllegalArgumentException("--syns " + syns + " (expected: 1.." + FloodCommand.MAX_SYNS + ")");
            }
            if (rate < 1 || rate > FloodCommand.MAX_RATE) {
                throw new IllegalArgumentException("--rate " + rate + " (expected: 1.." + FloodCommand.MAX_RATE + " per second)");
            }
        }
    }

    private final Plan plan;
    private final PrintStream out;

    FloodRun(Plan plan, PrintStream out) {
        this.plan = requireNonNull(plan, "plan");
        this.out = requireNonNull(out, "out");
    }

    FloodReport run() throws Exception {
        Map<String, NodeSample> before = sample();
        out.println("flood: " + plan.syns() + " SYNs at " + plan.rate() + "/s from " + plan.clientHost() + " of lab " + plan.lab()
                + ": " + plan.targets().describe());
        before.values().forEach(s -> out.println("  before  " + s.line()));
        RawIpv4Socket socket = InNamespace.call(plan.lab(), plan.clientHost(), RawIpv4Socket::open);
        AtomicLong sent = new AtomicLong();
        AtomicReference<String> sendError = new AtomicReference<>();
        long start = System.nanoTime();
        Thread sender = new Thread(() -> send(socket, sent, sendError, start), "flood-sender");
        sender.setDaemon(true);
        sender.start();
        Map<String, Long> peakRss = new LinkedHashMap<>();
        Map<String, Long> maxFlows = new LinkedHashMap<>();
        Map<String, NodeSample> last = before;
        CompletableFuture<ClientResult> connection = null;
        long connectionAtSent = -1;
        try {
            long nextSample = start + 1_000_000_000L;
            while (sender.isAlive()) {
                // Short waits, so the real connection starts close to half-way, not at the next sample.
                sender.join(Math.clamp((nextSample - System.nanoTime()) / 1_000_000, 1, 50));
                if (connection == null && sent.get() >= plan.syns() / 2) {
                    connectionAtSent = sent.get();
                    connection = connectDuringFlood();
                }
                if (System.nanoTime() >= nextSample) {
                    last = sample();
                    track(last, peakRss, maxFlows);
                    print(start, sent.get(), last);
                    // From now, not from the last due time: a node slow to answer during the flood must not cause a burst of samples.
                    nextSample = System.nanoTime() + 1_000_000_000L;
                }
            }
            if (connection == null) {
                connectionAtSent = sent.get();
                connection = connectDuringFlood();
            }
            long sendNanos = System.nanoTime() - start;
            Thread.sleep(SETTLE);
            ClientResult result = connection.get(CONNECTION_TIMEOUT.toSeconds() + 10, java.util.concurrent.TimeUnit.SECONDS);
            last = sample();
            track(last, peakRss, maxFlows);
            print(start, sent.get(), last);
            List<String> books = new ArrayList<>();
            for (NodeSample s : last.values()) {
                if (s.keepsBooks()) {
                    books.addAll(AccountingCheck.lines(s.node(), StatusServer.ask(LabNames.statusSocket(plan.lab(), s.node()), "status")));
                }
            }
            return new FloodReport(plan.syns(), sent.get(), sendNanos, sendError.get(), before, last, peakRss, maxFlows, result,
                    connectionAtSent, books);
        } finally {
            sender.interrupt();
            sender.join(2000);
            socket.close();
        }
    }

    private void send(RawIpv4Socket socket, AtomicLong sent, AtomicReference<String> error, long start) {
        SynPackets syns = new SynPackets(plan.targets(), plan.seed());
        double nanosPerSyn = 1e9 / plan.rate();
        try {
            for (long i = 0; i < plan.syns(); i++) {
                if ((i & 63) == 0) {
                    long due = start + (long) (i * nanosPerSyn);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        error.set("interrupted after " + i + " SYNs");
                        return;
                    }
                }
                socket.send(syns.next(), SynPackets.LENGTH, plan.targets().destination());
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            error.set(e.getMessage());
        }
    }

    /** The lab's own TLS client from the client's namespace, on a thread of its own. */
    private CompletableFuture<ClientResult> connectDuringFlood() {
        out.println("  connecting during the flood: " + plan.connectUrl() + " (resolve " + plan.resolve() + ")");
        return CompletableFuture.supplyAsync(() -> {
            try {
                ClientRequest request = ClientRequest.of(plan.connectUrl(), PemFiles.readCertificates(plan.trustPem()))
                        .withResolve(ResolveOverride.parse(plan.resolve())).withTimeout(CONNECTION_TIMEOUT)
                        .withConnectTimeout(CONNECTION_TIMEOUT);
                return InNamespace.call(plan.lab(), plan.clientHost(), () -> {
                    try (LabTlsClient client = new LabTlsClient()) {
                        return client.fetch(request);
                    }
                });
            } catch (Exception e) {
                return ClientResult.failure(Outcome.OTHER_ERROR, String.valueOf(e.getMessage()), 0);
            }
        }, r -> {
            Thread t = new Thread(r, "flood-connection");
            t.setDaemon(true);
            t.start();
        });
    }

    private Map<String, NodeSample> sample() {
        Map<String, NodeSample> out = new LinkedHashMap<>();
        for (String node : plan.nodes()) {
            out.put(node, NodeSample.ask(plan.lab(), node));
        }
        return out;
    }

    private static void track(Map<String, NodeSample> samples, Map<String, Long> peakRss, Map<String, Long> maxFlows) {
        for (NodeSample s : samples.values()) {
            peakRss.merge(s.node(), Math.max(s.rss(), s.rssPeak()), Math::max);
            if (s.hasFlowTable()) {
                maxFlows.merge(s.node(), s.flows(), Math::max);
            }
        }
    }

    private void print(long start, long sent, Map<String, NodeSample> samples) {
        out.printf("  %4.1f s  sent %,d%n", (System.nanoTime() - start) / 1e9, sent);
        for (NodeSample s : samples.values()) {
            out.println("          " + s.line());
        }
    }
}
