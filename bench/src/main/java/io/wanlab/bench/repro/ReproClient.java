package io.wanlab.bench.repro;

import io.wanlab.bench.client.ClientRequest;
import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.LabTlsClient;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.client.ResolveOverride;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import io.wanlab.server.ca.PemFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real TLS client run from the client node's namespace of one lab: the lab's own, or curl. */
public interface ReproClient {
    Duration TIMEOUT = Duration.ofSeconds(5);

    String name();

    /** What the client, run on the route's client host, saw; never throws for network trouble (that is the observation). */
    Observed fetch(Path caPem, Route route) throws Exception;

    record Observed(Outcome outcome, String detail) {
        String text() {
            return outcome.label() + " (" + detail + ")";
        }
    }

    /** The clients {@code --client} names, each run in the client node of lab {@code lab}. */
    static List<ReproClient> named(String which, String lab) {
        io.wanlab.core.topo.LabNames.requireLabName(lab);
        return switch (which) {
            case "builtin" -> List.of(new Builtin(lab));
            case "curl" -> List.of(new Curl(lab));
            case "all" -> List.of(new Builtin(lab), new Curl(lab));
            default -> throw new IllegalArgumentException("--client: '" + which + "' (expected: builtin, curl or all)");
        };
    }

    /** The lab's Netty TLS client, in this JVM, on a thread inside the client's namespace. */
    record Builtin(String lab) implements ReproClient {
        @Override
        public String name() {
            return "builtin";
        }

        @Override
        public Observed fetch(Path caPem, Route route) throws Exception {
            ClientRequest request = ClientRequest.of(route.url(), PemFiles.readCertificates(caPem))
                    .withResolve(ResolveOverride.parse(route.resolve())).withTimeout(TIMEOUT);
            ClientResult r = InNamespace.call(lab, route.clientHost(), () -> {
                try (LabTlsClient client = new LabTlsClient()) {
                    return client.fetch(request);
                }
            });
            String detail = r.outcome() == Outcome.OK ? r.status() + ", " + r.bytes() + " B" : r.detail();
            return new Observed(r.outcome(), detail);
        }
    }

    /** curl from Debian, run with ip netns exec in the client's namespace. */
    record Curl(String lab) implements ReproClient {
        @Override
        public String name() {
            return "curl";
        }

        @Override
        public Observed fetch(Path caPem, Route route) throws Exception {
            List<String> argv = new ArrayList<>(new NamespaceBackend(lab).exec(route.clientHost(), List.of("curl", "-sS", "-o", "/dev/null",
                    "-w", "%{http_code} %{size_download}", "-m", Long.toString(TIMEOUT.toSeconds()), "--cacert", caPem.toString(),
                    "--resolve", route.resolve(), route.url())));
            CommandResult r = new ProcessCommandExecutor(TIMEOUT.plusSeconds(5)).attempt(argv);
            String err = r.stderr().trim();
            return new Observed(classify(r.exitCode(), err), r.exitCode() == 0 ? r.stdout().trim().replace(' ', ',') + " B" : err);
        }

        /** curl's exit codes and messages, mapped to the lab client's outcomes. */
        static Outcome classify(int exit, String stderr) {
            String s = stderr.toLowerCase(java.util.Locale.ROOT);
            if (exit == 0) {
                return Outcome.OK;
            }
            if (s.contains("reset by peer") || s.contains("connection reset")) {
                return exit == 35 ? Outcome.RESET_DURING_HANDSHAKE : Outcome.RESET_AFTER_HANDSHAKE;
            }
            return switch (exit) {
                case 28 -> Outcome.TIMEOUT;
                case 7 -> s.contains("refused") ? Outcome.REFUSED : Outcome.OTHER_ERROR;
                case 35, 51, 58, 60, 77, 83, 90, 91 -> Outcome.TLS_ERROR;
                default -> Outcome.OTHER_ERROR;
            };
        }
    }
}
