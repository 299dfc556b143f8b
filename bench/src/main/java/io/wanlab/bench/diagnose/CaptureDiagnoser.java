package io.wanlab.bench.diagnose;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.packet.PacketView;
import io.wanlab.core.pcap.CaptureFiles;
import io.wanlab.core.pcap.CaptureFrame;
import io.wanlab.core.pcap.CaptureSource;
import io.wanlab.core.pcap.CaptureStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Streams a capture once, groups its TCP segments by connection, and reads each connection's signatures. */
public final class CaptureDiagnoser {
    private static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

    private CaptureDiagnoser() {
    }

    /** The end-independent key of a connection: the lower (address, port) first. */
    private record Key(long a, long b) {
        static Key of(Segment s) {
            long x = (s.src() & 0xffffffffL) << 16 | s.srcPort();
            long y = (s.dst() & 0xffffffffL) << 16 | s.dstPort();
            return x < y ? new Key(x, y) : new Key(y, x);
        }
    }

    /**
     * Diagnoses {@code file}; with a lab, also replays its client-side flows through the Sockets' decision code.
     *
     * @param progress gets a line every few seconds on long captures
     */
    public static Diagnosis diagnose(Path file, LabFile lab, Set<Integer> proxiedPorts, Consumer<String> progress)
            throws IOException {
        requireNonNull(file, "file");
        requireNonNull(progress, "progress");
        Map<Key, Connection> open = new LinkedHashMap<>();
        List<Connection> done = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        PacketView view = new PacketView();
        long origin = Long.MIN_VALUE;
        long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
        CaptureStats stats;
        try (CaptureSource source = CaptureFiles.open(file)) {
            CaptureFrame frame;
            while ((frame = source.next()) != null) {
                if (origin == Long.MIN_VALUE) {
                    origin = frame.timestampNanos();
                }
                Segment s = Segment.of(frame, view);
                if (s == null) {
                    skipped.merge("not-tcp", 1L, Long::sum);
                } else {
                    Key k = Key.of(s);
                    Connection c = open.get(k);
                    if (c != null && c.isNewConnection(s)) {
                        done.add(open.remove(k));
                        c = null;
                    }
                    if (c == null) {
                        c = new Connection();
                        open.put(k, c);
                    }
                    c.add(s);
                }
                if (System.nanoTime() >= nextProgress) {
                    CaptureStats st = source.stats();
                    progress.accept(String.format(java.util.Locale.ROOT, "%s: %,d frames, %.1f MB read, %d flows",
                            file.getFileName(), st.frames(), st.bytesRead() / 1e6, done.size() + open.size()));
                    nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
                }
            }
            stats = source.stats();
        }
        done.addAll(open.values());
        done.sort(java.util.Comparator.comparingLong(c -> c.segments().getFirst().frame()));
        stats.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
        List<FlowReport> flows = new ArrayList<>();
        List<RulesReplay.Result> replays = new ArrayList<>();
        for (Connection c : done) {
            FlowReport r = FlowAnalyzer.analyze(c, origin);
            flows.add(r);
            if (lab != null && (r.sawSyn() || r.clientHello() != null)) {
                replays.add(RulesReplay.replay(lab, proxiedPorts, c, r));
            }
        }
        return new Diagnosis(file.toString(), stats.frames(), skipped, flows, replays);
    }
}
