package io.wanlab.bench.diagnose;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** {@code diagnose --json}: the diagnoses as Jackson writes records, flows named as the text names them. */
public final class DiagnoseJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Hit(String signature, String flow, double seconds, List<Long> frames, String meaning, String detail) {}

    record Flow(String flow, double seconds, long firstFrame, long packets, boolean sawSyn, ClientHelloInfo clientHello,
            List<String> signatures) {}

    record Replay(String flow, String site, String firstPacket, String identification, long identifiedFrame, String switched,
            long switchFrame, boolean midHandshake, boolean reset, String verdict) {}

    record Capture(String file, long frames, Map<String, Long> skipped, List<Flow> flows, List<Hit> findings,
            List<Replay> replays, String verdict) {}

    record Report(List<Capture> captures, int exitCode) {}

    private DiagnoseJson() {
    }

    public static String write(List<Diagnosis> diagnoses, int exitCode) {
        List<Capture> captures = diagnoses.stream().map(DiagnoseJson::capture).toList();
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(new Report(captures, exitCode));
    }

    private static Capture capture(Diagnosis d) {
        List<Flow> flows = d.flows().stream().map(f -> new Flow(f.flow().toString(), f.seconds(), f.firstFrame(), f.packets(),
                f.sawSyn(), f.clientHello(), f.findings().stream().map(x -> DiagnoseText.label(x.signature())).toList())).toList();
        List<Hit> hits = d.findings().stream().map(f -> new Hit(DiagnoseText.label(f.signature()), f.flow().toString(),
                f.seconds(), f.frames(), f.signature().meaning(), f.detail())).toList();
        List<Replay> replays = d.replays().stream().map(r -> new Replay(r.flow().toString(), r.site(), r.firstPacket(),
                r.identification(), r.identifiedFrame(), r.switched(), r.switchFrame(), r.midHandshake(), r.reset(),
                r.verdict())).toList();
        return new Capture(d.file(), d.frames(), d.skipped(), flows, hits, replays, DiagnoseText.verdict(d));
    }
}
