package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wanlab.core.lab.Account;
import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.LinkKind;
import io.wanlab.core.lab.LinkSpec;
import io.wanlab.core.lab.Location;
import io.wanlab.core.lab.Site;
import io.wanlab.core.net.Ipv4Prefix;
import io.wanlab.core.topo.LabCommands;
import io.wanlab.core.topo.LabTopology;
import io.wanlab.core.topo.TopologyPlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceBackendTest {
    static final LabTopology DEFAULT = TopologyPlanner.plan("wanlab", defaultLab());
    private static final List<String> LIST = List.of("ip", "netns", "list");

    private final RecordingCommandExecutor executor = new RecordingCommandExecutor();
    private final FakeProcessTable processes = new FakeProcessTable(4242);
    private final NamespaceBackend backend = new NamespaceBackend("wanlab", executor, processes, Duration.ofMillis(200));

    static LabFile defaultLab() {
        return new LabFile("default", List.of(
                new Site("site-a", List.of(Ipv4Prefix.parse("198.18.1.0/24")), "socket-a", Location.BUILT_IN),
                new Site("site-b", List.of(Ipv4Prefix.parse("198.18.2.0/24")), "socket-b", Location.BUILT_IN)),
                List.of(new LinkSpec("cato-a", LinkKind.CATO, "socket-a", "pop", Location.BUILT_IN),
                        new LinkSpec("cato-b", LinkKind.CATO, "socket-b", "pop", Location.BUILT_IN),
                        new LinkSpec("off-cloud", LinkKind.OFF_CLOUD, "socket-a", "socket-b", Location.BUILT_IN),
                        new LinkSpec("alt-wan", LinkKind.ALT_WAN, "socket-a", "socket-b", Location.BUILT_IN)),
                new Account(true), List.of(), List.of());
    }

    @Test
    void createChecksForLeftoversThenRunsTheSetupInOrder() {
        backend.create(DEFAULT);
        List<List<String>> ran = executor.commands();
        assertThat(ran.getFirst()).isEqualTo(LIST);
        assertThat(ran.subList(1, ran.size())).containsExactlyElementsOf(LabCommands.setup(DEFAULT));
    }

    @Test
    void createRefusesWhenALabNamespaceExistsAlready() {
        executor.respond(LIST, "wanlab-pop (id: 4)\nother\n");
        assertThatThrownBy(() -> backend.create(DEFAULT))
                .isInstanceOf(LabSetupException.class)
                .hasMessage("lab namespaces exist already: wanlab-pop (lab 'wanlab' is up, or an earlier one was not cleaned):"
                        + " run './wanlab down' first");
        assertThat(executor.commands()).as("nothing was created").containsExactly(LIST);
    }

    @Test
    void aFailedStepRollsBackWhatWasCreatedAndNamesTheStep() {
        executor.fail(List.of("ip", "-n", "wanlab-pop", "tuntap"), 1, "open: No such file or directory");
        assertThatThrownBy(() -> backend.create(DEFAULT))
                .isInstanceOf(LabSetupException.class)
                .hasMessage("command failed (exit 1): ip -n wanlab-pop tuntap add dev wl-pop mode tun:"
                        + " open: No such file or directory");
        List<String> lines = executor.lines();
        assertThat(lines).as("no command after the failed one but the roll-back")
                .endsWith("ip -n wanlab-pop tuntap add dev wl-pop mode tun", "ip netns list");
    }

    @Test
    void rollBackDeletesTheNamespacesThatExist() {
        RecordingCommandExecutor rec = new RecordingCommandExecutor()
                .fail(List.of("ip", "-n", "wanlab-client", "link", "add"), 2, "RTNETLINK answers: File exists");
        NamespaceBackend b = new NamespaceBackend("wanlab", new CommandExecutor() {
            private int lists;

            @Override
            public CommandResult attempt(List<String> argv) {
                if (argv.equals(LIST) && lists++ > 0) {
                    rec.attempt(argv);
                    return new CommandResult(argv, 0, "wanlab-client\nwanlab-socket-a\nwanlab-pop\ncni-x\n", "");
                }
                return rec.attempt(argv);
            }
        }, processes, Duration.ofMillis(100));
        assertThatThrownBy(() -> b.create(DEFAULT)).hasMessageContaining("RTNETLINK answers: File exists");
        assertThat(rec.lines()).endsWith(
                "ip netns list",
                "ip netns del wanlab-pop",
                "ip netns del wanlab-socket-a",
                "ip netns del wanlab-client");
    }

    @Test
    void listKeepsOnlyLabNamespacesSorted() {
        executor.respond(LIST, "wanlab-socket-a (id: 2)\ncni-1234 (id: 1)\nwanlab-client\nwanlabx\nwanlab-\nlab2-pop\nwanlab2-client\n\n");
        assertThat(backend.list()).containsExactly("wanlab-client", "wanlab-socket-a");
    }

    @Test
    void destroyStopsProcessesInsideThenDeletesOnlyLabNamespaces() {
        executor.respond(LIST, "wanlab-pop (id: 1)\nwanlab-client (id: 0)\nother-lab\nlab2-pop\n")
                .respond(List.of("ip", "netns", "pids", "wanlab-pop"), "101\n102\n")
                .respond(List.of("ip", "netns", "pids", "wanlab-client"), "201\n");
        processes.add(101, "java -jar wanlab.jar pop").addStubborn(102, "java pop").add(201, "sleep 1000");

        CleanupReport report = backend.destroy();

        assertThat(processes.signals()).containsExactly("TERM 201", "TERM 101", "TERM 102", "KILL 102");
        assertThat(report.stopped()).containsExactly("pid 201 (in wanlab-client)", "pid 101 (in wanlab-pop)",
                "pid 102 (in wanlab-pop) (SIGKILL)");
        assertThat(report.removed()).containsExactly("namespace wanlab-client", "namespace wanlab-pop");
        assertThat(executor.lines()).filteredOn(l -> l.contains(" del ")).as("other-lab and lab2's namespace are never deleted")
                .containsExactly("ip netns del wanlab-client", "ip netns del wanlab-pop");
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void destroyNeverSignalsItselfAndReportsFailedDeletes() {
        executor.respond(LIST, "wanlab-pop\n")
                .respond(List.of("ip", "netns", "pids", "wanlab-pop"), "4242\n1\nnot-a-pid\n")
                .fail(List.of("ip", "netns", "del"), 1, "Cannot remove namespace file: Device or resource busy");
        processes.add(4242, "java wanlab").add(1, "/sbin/init");

        CleanupReport report = backend.destroy();

        assertThat(processes.signals()).as("neither itself nor pid 1").isEmpty();
        assertThat(report.notes()).containsExactly(
                "ignored unexpected line from ip netns pids wanlab-pop: 'not-a-pid'",
                "this process (pid 4242) runs inside a lab namespace and was not stopped",
                "could not delete namespace wanlab-pop (exit 1): Cannot remove namespace file: Device or resource busy");
        assertThat(report.removed()).isEmpty();
    }

    @Test
    void destroyWithNothingThereFindsNothing() {
        assertThat(backend.destroy().nothingFound()).isTrue();
        assertThat(executor.lines()).containsExactly("ip netns list");
    }

    @Test
    void aNamedLabSeesEntersAndRemovesOnlyItsOwnNamespaces() {
        NamespaceBackend lab2 = new NamespaceBackend("lab2", executor, processes, Duration.ofMillis(200));
        executor.respond(LIST, "wanlab-pop\nlab2-pop (id: 3)\nlab2-client\nlab22-pop\n");
        assertThat(lab2.list()).containsExactly("lab2-client", "lab2-pop");
        assertThat(lab2.exec("client", List.of("true"))).containsExactly("ip", "netns", "exec", "lab2-client", "true");
        lab2.destroy();
        assertThat(executor.lines()).filteredOn(l -> l.contains(" del ")).as("the default lab and lab22 stay")
                .containsExactly("ip netns del lab2-client", "ip netns del lab2-pop");
        assertThatThrownBy(() -> lab2.create(DEFAULT)).hasMessage("topology of lab 'wanlab' (expected: lab 'lab2')");
    }

    @Test
    void execRunsInTheNodeNamespace() {
        assertThat(backend.exec("server", List.of("ss", "-tln")))
                .containsExactly("ip", "netns", "exec", "wanlab-server", "ss", "-tln");
        assertThat(backend.kind()).isEqualTo("namespaces");
    }
}
