package io.wanlab.bench.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU a window cost each process: its own clock only, not its children's. */
class CpuWindowTest {
    @Test
    void aParentIsNotChargedWithItsBusyChildsCpu() throws Exception {
        // A child of this JVM that burns a CPU for the whole window: its time is its own, not this JVM's.
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while :; do i=$((i + 1)); done").start();
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put("self", ProcessHandle.current());
        processes.put("busy", busy.toHandle());
        CpuWindow window = new CpuWindow(processes);
        window.opened();
        Thread.sleep(2000);
        window.closed();
        busy.destroy();
        busy.waitFor();
        Map<String, Double> spent = window.spent();
        assertThat(spent.keySet()).containsExactly("self", "busy");
        assertThat(spent.get("busy")).as("the busy child's own two seconds").isGreaterThan(1.0);
        // Charged with its child, this JVM would show at least the child's figure; on its own it sleeps here (other
        // tests' threads and the JIT may still run: 0.38 s in one 1 s window of a full build).
        assertThat(spent.get("self")).as("this JVM, its child's CPU not included").isLessThan(spent.get("busy") * 0.75);
    }
}
