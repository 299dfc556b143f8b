package io.wanlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private record FakeProbe(boolean isRoot, Set<String> files, Set<String> programs) implements Preflight.Probe {
        @Override
        public boolean exists(Path path) {
            return files.contains(path.toString());
        }

        @Override
        public boolean onPath(String program) {
            return programs.contains(program);
        }
    }

    @Test
    void aReadyHostHasNoProblems() {
        assertThat(Preflight.check(new FakeProbe(true, Set.of("/dev/net/tun", "/proc/self/ns/net"), Set.of("ip")))).isEmpty();
    }

    @Test
    void everyMissingPieceIsOneSentenceWithTheFix() {
        assertThat(Preflight.check(new FakeProbe(false, Set.of(), Set.of()))).containsExactly(
                "wanlab up needs root (network namespaces, veth, TUN): run it with sudo",
                "/dev/net/tun is missing: load the tun module (sudo modprobe tun), or start the container with --device /dev/net/tun",
                "the ip command (iproute2) is not on the PATH: install iproute2 (sudo apt-get install iproute2)",
                "this kernel has no network namespaces (/proc/self/ns/net is missing): it needs CONFIG_NET_NS");
    }

    @Test
    void theSystemProbeSeesThisHost() {
        Preflight.SystemProbe probe = new Preflight.SystemProbe();
        assertThat(probe.isRoot()).as("agrees with the user name in this test run")
                .isEqualTo("root".equals(System.getProperty("user.name")));
        assertThat(probe.onPath("sh")).isTrue();
        assertThat(probe.onPath("wanlab-no-such-program")).isFalse();
        assertThat(probe.exists(Path.of("/proc/self/ns/net"))).isTrue();
    }
}
