package io.wanlab.bench.repro;

import io.wanlab.bench.client.ClientRequest;
import io.wanlab.bench.client.ClientResult;
import io.wanlab.bench.client.LabTlsClient;
import io.wanlab.bench.client.Outcome;
import io.wanlab.bench.client.ResolveOverride;
import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.InNamespace;
import io.wanlab.bench.lab.BackendKind;
import io.wanlab.bench.lab.DockerBackend;
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

    /** The CN of a distinguished name as the JDK ("CN=x,O=y") or curl ("O=y; CN=x") writes it; the whole name without one. */
    static String commonName(String dn) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|[,;]\\s*)CN=([^,;]+)").matcher(dn);
        return m.find() ? m.group(1).strip() : dn.strip();
    }

    /** @param issuer who issued the server's certificate the client was shown, or "" when it does not say */
    record Observed(Outcome outcome, String detail, String issuer) {
        public Observed {
            issuer = commonName(issuer);
        }

        String text() {
            return outcome.label() + " (" + detail + ")";
        }
    }

    /** The clients {@code --client} names, each run in the client node of lab {@code lab}. */
    static List<ReproClient> named(String which, String lab) {
        return named(which, lab, BackendKind.NAMESPACES);
    }

    /** The same, for a lab on that backend: in containers each client runs inside the client's container. */
    static List<ReproClient> named(String which, String lab, BackendKind backend) {
        io.wanlab.core.topo.LabNames.requireLabName(lab);
        ReproClient builtin = backend == BackendKind.DOCKER ? new ContainerBuiltin(lab) : new Builtin(lab);
        Curl curl = new Curl(lab, backend);
        return switch (which) {
            case "builtin" -> List.of(builtin);
            case "curl" -> List.of(curl);
            case "all" -> List.of(builtin, curl);
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
            return new Observed(r.outcome(), detail, r.issuer());
        }
    }

    /**
     * The lab's client inside the client's container: {@code docker exec ... wanlab client URL --json},
     * its JSON line read back (the exit code is the outcome's, so it is not an error here).
     */
    record ContainerBuiltin(String lab) implements ReproClient {
        @Override
        public String name() {
            return "builtin";
        }

        @Override
        public Observed fetch(Path caPem, Route route) throws Exception {
            List<String> argv = new DockerBackend(lab).exec(route.clientHost(), List.of("wanlab", "client", route.url(),
                    "--cacert", caPem.toString(), "--resolve", route.resolve(), "--timeout", TIMEOUT.toSeconds() + "s", "--json"));
            CommandResult r = new ProcessCommandExecutor(TIMEOUT.plusSeconds(15)).attempt(argv);
            String line = r.lines().isEmpty() ? "" : r.lines().getLast();
            if (!line.startsWith("{")) {
                return new Observed(Outcome.OTHER_ERROR, "no JSON from wanlab client (exit " + r.exitCode() + "): " + r.stderr().strip(), "");
            }
            tools.jackson.databind.JsonNode json = io.wanlab.core.json.Json.strict().readTree(line);
            Outcome outcome = Outcome.fromLabel(json.get("outcome").stringValue());
            String detail = outcome == Outcome.OK ? json.get("status").intValue() + ", " + json.get("bytes").longValue() + " B"
                    : json.get("detail").stringValue();
            return new Observed(outcome, detail, json.has("issuer") ? json.get("issuer").stringValue() : "");
        }
    }

    /** curl from Debian, run in the client's namespace (ip netns exec) or container (docker exec). */
    record Curl(String lab, BackendKind backend) implements ReproClient {
        Curl(String lab) {
            this(lab, BackendKind.NAMESPACES);
        }

        @Override
        public String name() {
            return "curl";
        }

        @Override
        public Observed fetch(Path caPem, Route route) throws Exception {
            // -v: curl prints the server certificate's issuer ("*  issuer: ...") to stderr.
            List<String> argv = new ArrayList<>(backend.of(lab).exec(route.clientHost(), List.of("curl", "-sS", "-v", "-o", "/dev/null",
                    "-w", "%{http_code} %{size_download}", "-m", Long.toString(TIMEOUT.toSeconds()), "--cacert", caPem.toString(),
                    "--resolve", route.resolve(), route.url())));
            CommandResult r = new ProcessCommandExecutor(TIMEOUT.plusSeconds(5)).attempt(argv);
            String err = error(r.stderr());
            return new Observed(classify(r.exitCode(), err), r.exitCode() == 0 ? r.stdout().trim().replace(' ', ',') + " B" : err,
                    issuer(r.stderr()));
        }

        /** curl's own error line ("curl: (35) ..."), or the last line of its verbose output. */
        static String error(String stderr) {
            String last = "";
            for (String line : stderr.split("\\R")) {
                if (line.startsWith("curl: (")) {
                    return line.trim();
                }
                if (!line.isBlank()) {
                    last = line.trim();
                }
            }
            return last;
        }

        /** The issuer curl -v printed for the server certificate ("*  issuer: O=wanlab; CN=..."), or "". */
        static String issuer(String stderr) {
            for (String line : stderr.split("\\R")) {
                String t = line.strip();
                if (t.startsWith("*") && t.substring(1).strip().startsWith("issuer:")) {
                    return t.substring(t.indexOf("issuer:") + 7).strip();
                }
            }
            return "";
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
