package io.wanlab.core.node;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Linux scheduling policy of a device node (Socket, PoP): {@code SCHED_BATCH} unless
 * {@code -Dwanlab.node.sched=normal}. A woken batch task does not preempt the task running on its
 * CPU; it runs when that one blocks or its slice ends, and then finds more packets waiting: like a
 * NIC that coalesces interrupts, a node costs less CPU per packet and takes less of it from the
 * endpoints it sits between when the CPUs are busy, and nothing changes when a CPU is idle (the
 * woken node gets it at once). On the 2-core development VM, {@code bench handshakes} lab direct /
 * kernel at 16 in flight: 0.832, 0.895, 0.836, 0.859 with it, 0.774, 0.669, 0.667, 0.740 without
 * (each Socket's CPU per exchange 0.11-0.14 ms against 0.15-0.19); at 4 in flight 0.582 and 0.578
 * against 0.580 and 0.538 (0.18 ms against 0.24-0.26) (README, Benchmarks).
 *
 * <p>Java has no call for this, so {@code sched_setscheduler(2)} is bound here through the FFM
 * linker. A thread's policy is its own and threads inherit their creator's: {@link #apply} sets
 * every thread of the process that exists (from {@code /proc/self/task}), so the JVM's threads
 * and every thread the node starts later run batch. No privilege is needed to go from the normal
 * policy to batch. Process-wide state, read by the nodes' status ({@code scheduling}).
 */
public final class Scheduling {
    /** {@code batch} (the default) or {@code normal}. */
    public static final String PROPERTY = "wanlab.node.sched";
    static final int SCHED_OTHER = 0;
    static final int SCHED_BATCH = 3;

    private static volatile String current = "normal";

    private Scheduling() {
    }

    /**
     * What {@link #apply} did: {@code batch}, {@code normal}, {@code normal (batch refused: ...)}, or, when only some
     * threads took it, {@code partly batch (N of M threads; refused: ...)}.
     */
    public static String current() {
        return current;
    }

    /**
     * Sets the policy the property asks for on every thread of this process; returns what it did (also
     * {@link #current()}). Never throws: a refusal leaves the node on the normal policy, and says why.
     */
    public static String apply() {
        String asked = System.getProperty(PROPERTY, "batch").strip().toLowerCase(Locale.ROOT);
        if (asked.equals("normal")) {
            current = "normal";
            return current;
        }
        if (!asked.equals("batch")) {
            current = "normal (" + PROPERTY + "=" + asked + " is neither batch nor normal)";
            return current;
        }
        String refused = null;
        int set = 0;
        int refusals = 0;
        for (int tid : threads()) {
            String why = setPolicy(tid, SCHED_BATCH);
            if (why == null) {
                set++;
            } else if (Files.exists(Path.of("/proc/self/task", Integer.toString(tid)))) { // a thread that ended meanwhile does not count
                refusals++;
                if (refused == null) {
                    refused = why;
                }
            }
        }
        current = summary(set, refusals, refused);
        return current;
    }

    /** The status text for {@code set} threads on batch and {@code refusals} refused it (the first for {@code why}). */
    static String summary(int set, int refusals, String why) {
        if (refusals == 0) {
            return "batch";
        }
        return set == 0 ? "normal (batch refused: " + why + ")"
                : "partly batch (" + set + " of " + (set + refusals) + " threads; refused: " + why + ")";
    }

    /** The policy number of a thread of this process ({@code /proc/self/task/TID/stat}, field 41), or -1 if unreadable. */
    static int policyOf(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task", Integer.toString(tid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
            return Integer.parseInt(rest[41 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This thread's id (gettid), from {@code /proc/thread-self}. */
    static int currentTid() throws IOException {
        return Integer.parseInt(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
    }

    static List<Integer> threads() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .map(Integer::parseInt).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Sets one thread's policy (priority 0); returns null, or why not. */
    static String setPolicy(int tid, int policy) {
        try {
            return Native.INSTANCE.setPolicy(tid, policy);
        } catch (LinkageError | RuntimeException e) {
            return "sched_setscheduler unavailable: " + e.getMessage();
        }
    }

    /** The binding, made on first use. */
    private static final class Native {
        static final Native INSTANCE = new Native();
        private final MethodHandle setScheduler;
        private final MethodHandle strerror;
        private final StructLayout callState = Linker.Option.captureStateLayout();
        private final VarHandle errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        private Native() {
            Linker linker = Linker.nativeLinker();
            setScheduler = linker.downcallHandle(linker.defaultLookup().find("sched_setscheduler").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                    Linker.Option.captureCallState("errno"));
            strerror = linker.downcallHandle(linker.defaultLookup().find("strerror").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        }

        String setPolicy(int tid, int policy) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment param = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param { int sched_priority = 0; }
                MemorySegment state = arena.allocate(callState);
                int rc = (int) setScheduler.invokeExact(state, tid, policy, param);
                if (rc == 0) {
                    return null;
                }
                int code = (int) errno.get(state, 0L);
                MemorySegment text = (MemorySegment) strerror.invokeExact(code);
                return text.reinterpret(256).getString(0) + " (errno " + code + ")";
            } catch (Throwable t) {
                if (t instanceof Error error) {
                    throw error;
                }
                return t.toString();
            }
        }
    }
}
