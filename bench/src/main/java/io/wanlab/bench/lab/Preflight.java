package io.wanlab.bench.lab;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the host needs before a namespace lab can be built; each problem is one sentence with the fix. */
public final class Preflight {
    /** The host as preflight sees it; a fake in tests. */
    public interface Probe {
        boolean isRoot();

        boolean exists(Path path);

        boolean onPath(String program);
    }

    public static final String NOT_ROOT = "wanlab up needs root (network namespaces, veth, TUN): run it with sudo";
    public static final String NO_TUN = "/dev/net/tun is missing: load the tun module (sudo modprobe tun), or start"
            + " the container with --device /dev/net/tun";
    public static final String NO_IP = "the ip command (iproute2) is not on the PATH: install iproute2"
            + " (sudo apt-get install iproute2)";
    public static final String NO_NETNS = "this kernel has no network namespaces (/proc/self/ns/net is missing):"
            + " it needs CONFIG_NET_NS";

    private Preflight() {
    }

    /** Problems on this host; empty when a lab can be built. */
    public static List<String> check() {
        return check(new SystemProbe());
    }

    public static List<String> check(Probe probe) {
        requireNonNull(probe, "probe");
        List<String> problems = new ArrayList<>();
        if (!probe.isRoot()) {
            problems.add(NOT_ROOT);
        }
        if (!probe.exists(Path.of("/dev/net/tun"))) {
            problems.add(NO_TUN);
        }
        if (!probe.onPath("ip")) {
            problems.add(NO_IP);
        }
        if (!probe.exists(Path.of("/proc/self/ns/net"))) {
            problems.add(NO_NETNS);
        }
        return List.copyOf(problems);
    }

    /** The real host: effective uid from /proc/self/status, files, and the PATH. */
    static final class SystemProbe implements Probe {
        @Override
        public boolean isRoot() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Uid:")) {
                        String[] ids = line.substring(4).strip().split("\\s+");
                        return ids.length > 1 && ids[1].equals("0");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // No /proc: fall through to the user name, which is right unless setuid games are played.
            }
            return "root".equals(System.getProperty("user.name"));
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public boolean onPath(String program) {
            return Preflight.onPath(program);
        }
    }

    /** True when an executable of that name is in a folder of the PATH (the one check every command uses). */
    public static boolean onPath(String program) {
        requireNonNull(program, "program");
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why {@code command} (repro, verify) cannot run its live lab here with these clients, as the
     * message to print; null when it can. {@code instead} names what runs without a lab.
     */
    public static String liveProblem(String command, String clients, String instead) {
        List<String> problems = check();
        if (!problems.isEmpty()) {
            return "wanlab " + command + ": the live lab cannot run here:\n  " + String.join("\n  ", problems)
                    + "\n  ('" + instead + "' runs without a lab.)";
        }
        if (!clients.equals("builtin") && !onPath("curl")) {
            return "wanlab " + command + ": curl is not installed (apt-get install curl), or run with --client builtin";
        }
        return null;
    }
}
