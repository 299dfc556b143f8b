package io.wanlab.bench.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.wanlab.bench.lab.CommandResult;
import io.wanlab.bench.lab.LabSetupException;
import io.wanlab.bench.lab.Preflight;
import io.wanlab.bench.lab.ProcessCommandExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image {@code ./wanlab image} builds (and {@code ./wanlab test} builds before the tests) has
 * every tool a lab node runs, and its entrypoint runs the jar on the jlinked runtime. It builds
 * nothing: under {@code ./wanlab test} (WANLAB_TEST_SETUP=1) or in CI a missing engine or image
 * fails; elsewhere it skips with the command that sets the machine up.
 */
@Tag("live")
class WanlabImageLiveTest {
    static final String IMAGE = "wanlab:latest";
    static final String BASE = "wanlab-base:bookworm";
    /** The Docker backend's tests use the same label; ./wanlab test removes what carries it. */
    static final String TEST_LABEL = "io.wanlab.test=1";

    @BeforeAll
    static void engineAndImagesArePresent() {
        List<String> missing = new ArrayList<>();
        if (!Preflight.onPath("docker")) {
            missing.add("the docker command is not on the PATH");
        } else if (!docker("info").ok()) {
            missing.add("no Docker engine answers 'docker info'");
        } else {
            for (String image : List.of(IMAGE, BASE)) {
                if (!docker("image", "inspect", image).ok()) {
                    missing.add("image " + image + " is missing");
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = String.join("; ", missing);
        if ("1".equals(System.getenv("WANLAB_TEST_SETUP")) || "true".equals(System.getenv("CI"))) {
            fail(why + ", although ./wanlab test's setup ran (it starts the engine and runs ./wanlab image):"
                    + " see its output above");
        }
        abort(why + ": run ./wanlab test (as root it installs docker.io, starts the engine and builds the"
                + " image), or ./wanlab image");
    }

    @Test
    void entrypointRunsTheJar() {
        CommandResult help = run(List.of(IMAGE, "--help"));

        assertThat(help.exitCode()).as("docker run --rm %s --help: %s", IMAGE, help.stderr()).isZero();
        assertThat(help.stdout()).as("the entrypoint is the wanlab command line").contains("Usage: wanlab");
    }

    @Test
    void imagesCarryTheProjectLabel() {
        for (String image : List.of(IMAGE, BASE)) {
            CommandResult label = docker("image", "inspect", "--format", "{{index .Config.Labels \"io.wanlab\"}}", image);
            assertThat(label.stdout().strip()).as("%s is labelled io.wanlab=1 (%s)", image, label.stderr()).isEqualTo("1");
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            curl --version                                  | libcurl/
            ip -V                                           | iproute2
            tcpdump --version                               | tcpdump version
            iperf3 --version                                | iperf 3
            ping -V                                         | iputils
            openssl version                                 | OpenSSL 3
            java -XshowSettings:properties -version         | java.home = /opt/wanlab/java
            java -version                                   | version "25
            """)
    void toolRunsInsideTheImage(String command, String expected) {
        List<String> words = List.of(command.split(" "));
        List<String> argv = new ArrayList<>(List.of("--entrypoint", words.getFirst(), IMAGE));
        argv.addAll(words.subList(1, words.size()));

        CommandResult result = run(argv);

        String printed = result.stdout() + result.stderr();
        assertThat(result.exitCode()).as("'%s' in %s exits 0: %s", command, IMAGE, printed).isZero();
        assertThat(printed).as("'%s' in %s", command, IMAGE).contains(expected);
    }

    /** docker run --rm, labelled so that ./wanlab test removes it if this JVM dies mid-run. */
    private static CommandResult run(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("run", "--rm", "--network=none", "--label", TEST_LABEL));
        argv.addAll(args);
        return docker(argv.toArray(String[]::new));
    }

    private static CommandResult docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        try {
            return new ProcessCommandExecutor(Duration.ofSeconds(60)).attempt(argv);
        } catch (LabSetupException e) {
            return new CommandResult(argv, -1, "", e.getMessage());
        }
    }
}
