package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import io.wanlab.bench.lab.EventArchive;
import io.wanlab.bench.lab.LabCleaner;
import io.wanlab.bench.lab.LabLauncher;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.NamespaceBackend;
import io.wanlab.bench.lab.cli.LabNameConverter;
import io.wanlab.bench.lab.cli.LinkTransportConverter;
import io.wanlab.bench.node.LabSpec;
import io.wanlab.core.link.LinkTransport;
import io.wanlab.core.json.Json;
import io.wanlab.core.node.StatusServer;
import io.wanlab.core.topo.LabNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * What the lab benchmarks ({@code bench throughput}, {@code bench handshakes}) share: the options that name the lab,
 * its run folder and the JSON file ({@link Options}, a picocli mixin), and the run's life: build the lab (rulebase
 * fixed, capture off), measure, remove the lab exactly once whatever happens (Ctrl-C through a shutdown hook), then
 * print the table and the warnings and write the JSON.
 */
public final class BenchLab {
    private BenchLab() {
    }

    /** {@code --json FILE}, {@code --out DIR}, {@code --name NAME}. */
    public static final class Options {
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
        public Path json;

        @Option(names = "--out", paramLabel = "DIR", description = "Run folder for the nodes' logs (default: runs/<benchmark>-<date-time>).")
        public Path out;

        @Option(names = "--name", paramLabel = "NAME", converter = LabNameConverter.class,
                description = "The name of the lab it builds and removes (default: ${DEFAULT-VALUE}).")
        public String name = LabNames.DEFAULT_LAB;

        @Option(names = "--no-offload", description = "Open the nodes' TUNs without offloads (the plain path: one packet per read and write).")
        public boolean noOffload;

        @Option(names = "--link-transport", paramLabel = "tcp|udp", converter = LinkTransportConverter.class,
                description = "What carries the links between devices: TCP streams or UDP datagrams, whose nodes open plain TUNs"
                        + " (default: ${DEFAULT-VALUE}).")
        public LinkTransport linkTransport = LinkTransport.TCP;

        /** What is wrong with {@code --json} (its folder does not exist), or null. */
        public String jsonProblem() {
            if (json != null) {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    return "--json " + json + ": folder " + parent + " does not exist";
                }
            }
            return null;
        }

        Path runDir(String benchmark) {
            return out != null ? out
                    : Path.of("runs", benchmark + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
    }

    /** Measures on the running lab. */
    @FunctionalInterface
    public interface Measurement<R> {
        R measure(LabLauncher.RunningLab lab) throws Exception;
    }

    /**
     * What carried the run, for its JSON ({@code "links"}, {@code "tun_offloads"}): the links' transport and the TUN
     * offloads socket-a got (its status's {@code tun-offloads}, e.g. {@code csum tso4 tso6 uso4 uso6} or {@code off};
     * {@code ?} if unread).
     */
    public record LabShape(LinkTransport links, String tunOffloads) {
        public LabShape {
            requireNonNull(links, "links");
            requireNonNull(tunOffloads, "tunOffloads");
        }

        /** Writes {@code "links"} and {@code "tun_offloads"} into the object being written. */
        public void write(tools.jackson.core.JsonGenerator g) {
            g.writeStringProperty("links", links.label()).writeStringProperty("tun_offloads", tunOffloads);
        }

        static LabShape of(LabLauncher.RunningLab lab, LinkTransport links) {
            // Unread, the JSON says "?": the run itself does not depend on it.
            String offloads = status(lab.name(), lab.topology().sites().get(0).socket()).map(s -> s.path("tun-offloads").asString("?"))
                    .orElse("?");
            return new LabShape(links, offloads);
        }
    }

    /** A node's status document, or empty when it cannot be asked or read (the node is gone, the answer is not JSON). */
    public static Optional<JsonNode> status(String lab, String node) {
        try {
            return Optional.ofNullable(Json.strict().readTree(StatusServer.ask(LabNames.statusSocket(lab, node), "status")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How a result is shown: its table, its warnings, its JSON document (given what carried the run). */
    public record Output<R>(Function<R, List<String>> lines, Function<R, List<String>> warnings, BiFunction<R, LabShape, String> json) {
        public Output {
            requireNonNull(lines, "lines");
            requireNonNull(warnings, "warnings");
            requireNonNull(json, "json");
        }
    }

    /**
     * The whole run; returns the exit code: 0, 1 (the run or the lab's removal failed: said on stderr), 130 (interrupted).
     * {@code command}: the words messages start with ({@code wanlab bench throughput}); {@code benchmark}: the default run
     * folder's prefix.
     */
    public static <R> int run(String command, String benchmark, Options options, PrintStream stdout, PrintStream stderr,
            Measurement<R> measurement, Output<R> output) {
        NamespaceBackend backend = new NamespaceBackend(options.name);
        LabTeardown teardown = new LabTeardown(new LabCleaner(backend), backend, stdout);
        Thread hook = new Thread(teardown::run, "wanlab-" + benchmark + "-down");
        Runtime.getRuntime().addShutdownHook(hook);
        Path runDir = options.runDir(benchmark);
        FileTime started = FileTime.from(Instant.now().minusSeconds(1));
        try {
            LabLauncher.RunningLab lab = up(options.name, runDir, !options.noOffload, options.linkTransport, teardown, stdout);
            LabShape shape = LabShape.of(lab, options.linkTransport);
            R result = measurement.measure(lab);
            boolean clean = teardown.run();
            if (clean) { // a node still running would go on writing into a file that is gone
                archiveEvents(runDir, started, stdout, stderr, command);
            }
            stdout.println();
            output.lines().apply(result).forEach(stdout::println);
            output.warnings().apply(result).forEach(w -> stdout.println("warning: " + w));
            if (options.json != null) {
                Files.writeString(options.json, output.json().apply(result, shape));
                stdout.println("JSON written to " + options.json.toAbsolutePath());
            }
            return clean ? 0 : 1;
        } catch (ThroughputException | LabSetupException | IllegalArgumentException | IOException e) {
            stderr.println(command + ": " + e.getMessage());
            for (Throwable s : e.getSuppressed()) {
                stderr.println("  also: " + s.getMessage());
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println(command + ": interrupted");
            return 130;
        } catch (Exception e) {
            stderr.println(command + ": " + e);
            return 1;
        } finally {
            teardown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running or has run.
            }
        }
    }

    /** Once the nodes are gone: their events gzipped in the run folder, and a line saying so (or why not). */
    static void archiveEvents(Path runDir, FileTime since, PrintStream stdout, PrintStream stderr, String command) {
        EventArchive.Result r = EventArchive.gzipAll(runDir, since);
        if (r.files() > 0) {
            stdout.println(String.format(Locale.ROOT, "node events in %s: %d %s files, %.1f MB, gzipped to %.1f MB (%s.gz; zcat reads them)",
                    runDir, r.files(), EventArchive.EVENTS, r.bytesBefore() / 1e6, r.bytesAfter() / 1e6, EventArchive.EVENTS));
        }
        if (r.failure() != null) {
            stderr.println(command + ": warning: events left as they were: " + r.failure());
        }
    }

    private static LabLauncher.RunningLab up(String name, Path run, boolean offload, LinkTransport links, LabTeardown teardown,
            PrintStream stdout) throws IOException, InterruptedException {
        LabLauncher.RunningLab lab;
        try {
            lab = new LabLauncher(name, stdout).up(new LabLauncher.Options(new LabSpec("fixed", null, null), run, false,
                    Duration.ofSeconds(40), links).withOffload(offload));
        } catch (IOException | RuntimeException e) {
            // The launcher has removed what it made; a lab of this name that another process started meanwhile is not ours to remove.
            teardown.disarm();
            throw e;
        }
        // Nodes whose links are UDP open plain TUNs whatever was asked (a datagram's frame holds at most 16 KiB).
        String tun = links == LinkTransport.UDP ? "links over udp, TUN offloads off" : "TUN offloads " + (offload ? "asked for" : "off");
        stdout.println("lab up (rulebase fixed, capture off, " + tun + "; node logs in " + lab.runDir() + ")");
        return lab;
    }
}
