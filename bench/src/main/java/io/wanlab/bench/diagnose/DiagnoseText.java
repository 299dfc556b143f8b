package io.wanlab.bench.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lines {@code wanlab diagnose} prints: one per flow, one per finding, one per replayed flow, a verdict. */
public final class DiagnoseText {
    private DiagnoseText() {
    }

    public static String label(Signature s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<String> lines(Diagnosis d) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "capture %s: %,d frames, %d TCP flows%s", d.file(), d.frames(), d.flows().size(),
                d.skipped().isEmpty() ? "" : " (skipped: " + d.skipped().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")"));
        for (FlowReport f : d.flows()) {
            out.add(String.format(Locale.ROOT, "  flow %s  t=%.6fs frame %d  %d packets%s  %s", f.flow(), f.seconds(), f.firstFrame(),
                    f.packets(), f.sawSyn() ? "" : ", no SYN in the capture",
                    f.clientHello() == null ? "no client payload" : f.clientHello().summary()));
        }
        for (Finding f : d.findings()) {
            out.add(String.format(Locale.ROOT, "FOUND %s  %s  t=%.6fs  frames %s: %s; %s", label(f.signature()), f.flow(), f.seconds(),
                    f.frames().stream().map(String::valueOf).collect(Collectors.joining(",")), f.signature().meaning(), f.detail()));
        }
        for (RulesReplay.Result r : d.replays()) {
            if (r.site() == null) {
                out.add("rules " + r.flow() + ": " + r.verdict());
                continue;
            }
            out.add("rules " + r.flow() + " (site " + r.site() + "): first packet " + r.firstPacket()
                    + (r.identification() == null ? "; never identified" : "; identified " + frame(r.identifiedFrame()) + ": "
                            + r.identification())
                    + (r.switched() == null ? "" : "; switches " + frame(r.switchFrame()) + ": " + r.switched())
                    + " => " + r.verdict());
        }
        out.add(verdict(d));
        return out;
    }

    private static String frame(long frame) {
        return frame == 0 ? "on the SYN (not in the capture)" : "on frame " + frame;
    }

    static String verdict(Diagnosis d) {
        List<Finding> all = d.findings();
        long resets = d.predictedResets();
        if (all.isEmpty() && resets == 0) {
            return "verdict: nothing found in " + d.flows().size() + " TCP flows" + (d.replays().isEmpty() ? ""
                    : "; the rules predict no reset for the " + d.replays().size() + " replayed");
        }
        List<String> parts = new ArrayList<>();
        long seed = all.stream().filter(f -> f.signature() != Signature.BLACK_HOLE).map(Finding::flow).distinct().count();
        long holes = all.stream().filter(f -> f.signature() == Signature.BLACK_HOLE).map(Finding::flow).distinct().count();
        if (seed > 0) {
            parts.add(seed + (seed == 1 ? " flow" : " flows") + " reset mid-handshake by a server that never had the connection"
                    + " (the handshake was answered elsewhere: a transport switch after the PoP's proxy)");
        }
        if (holes > 0) {
            parts.add(holes + (holes == 1 ? " flow" : " flows") + " whose ClientHello went unanswered (black hole)");
        }
        if (resets > 0) {
            parts.add("the rules predict " + resets + (resets == 1 ? " reset" : " resets"));
        }
        return "verdict: " + String.join("; ", parts);
    }
}
