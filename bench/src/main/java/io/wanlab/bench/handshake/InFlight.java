package io.wanlab.bench.handshake;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bench handshakes --concurrency}: how many exchanges each path keeps in flight. {@code auto} (the default) finds
 * each path's highest rate: it probes every load of {@link #STEPS} in short uncounted windows, then counts the window at
 * the load that gave the most. That is the figure a connections-per-second benchmark
 * reports (the most a path sustains, as RFC 9411 measures a device's): at a fixed load a path that adds latency per
 * round trip (every lab hop is a process that wakes) is held below its capacity by the load generator, not by itself,
 * and the ratio then measures the load as much as the path. A number fixes the load for every path instead.
 *
 * @param fixed the exchanges in flight on every path, or 0 for auto
 */
public record InFlight(int fixed) {
    public static final int MAX = 64;
    /** The loads {@code auto} probes, in order: doubling from the old fixed default up to {@link #MAX}. */
    public static final List<Integer> STEPS = List.of(4, 8, 16, 32, MAX);
    public static final InFlight AUTO = new InFlight(0);

    public InFlight {
        if (fixed < 0 || fixed > MAX) {
            throw new IllegalArgumentException("--concurrency: " + fixed + " (expected: auto or 1.." + MAX + ")");
        }
    }

    public boolean auto() {
        return fixed == 0;
    }

    /** {@code auto} or the number. */
    public String label() {
        return auto() ? "auto" : Integer.toString(fixed);
    }

    /** picocli: {@code auto} or 1..{@value #MAX}. */
    public static final class Converter implements ITypeConverter<InFlight> {
        @Override
        public InFlight convert(String value) {
            if (value.equalsIgnoreCase("auto")) {
                return AUTO;
            }
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX) {
                throw new TypeConversionException("'" + value + "' (expected: auto or 1.." + MAX + ")");
            }
            return new InFlight(n);
        }
    }
}
