package io.wanlab.core.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one end of a link does to the packets it sends, in user space because {@code tc netem}
 * is not available in the lab's namespaces: modelled on netem and Mininet's link parameters
 * (delay, jitter, loss, rate) and on Toxiproxy's toxics (a blackhole, a link that goes down for
 * a while). {@link #NONE} is a clean link. Immutable; the same text form serves the lab file,
 * the control socket and {@code wanlab link show}: {@code delay=30ms jitter=5ms loss=1% rate=10mbit
 * blackhole flap=500ms/5s seed=7}, or {@code none}.
 *
 * @param delayMicros  added one-way delay
 * @param jitterMicros each packet's delay varies uniformly by up to this much either way (order kept)
 * @param lossPercent  0..100: the share of packets dropped at random
 * @param rateBits     bits per second through a token bucket, 0 for no limit
 * @param blackhole    every frame is dropped, keepalives too, so the peer declares the link down
 * @param flapDownMicros the link drops everything for this long once set (0: no flap)
 * @param flapEveryMicros and again at this period (0: once)
 * @param seed         the loss and jitter generator's seed, so a run can be repeated
 */
public record Impairment(long delayMicros, long jitterMicros, double lossPercent, long rateBits, boolean blackhole,
        long flapDownMicros, long flapEveryMicros, long seed) {
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, false, 0, 0, 1);
    /** One minute: longer is a mistake (and would hold that much traffic in memory). */
    public static final long MAX_DELAY_MICROS = 60_000_000;
    public static final long MIN_RATE_BITS = 8_000;
    public static final long MAX_RATE_BITS = 100_000_000_000L;
    public static final List<String> KEYS = List.of("delay", "jitter", "loss", "rate", "blackhole", "flap", "seed");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,3}))?\\s*(us|ms|s)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)\\s*%");
    private static final Pattern RATE = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(bit|kbit|mbit|gbit)", Pattern.CASE_INSENSITIVE);

    public Impairment {
        check("delay", delayMicros, 0, MAX_DELAY_MICROS);
        check("jitter", jitterMicros, 0, MAX_DELAY_MICROS);
        if (jitterMicros > delayMicros) {
            throw new IllegalArgumentException("jitter: " + duration(jitterMicros) + " exceeds delay " + duration(delayMicros)
                    + " (expected: jitter <= delay, so no packet gets a negative delay)");
        }
        if (!(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("loss: " + lossPercent + "% (expected: 0% to 100%)");
        }
        if (rateBits != 0) {
            check("rate", rateBits, MIN_RATE_BITS, MAX_RATE_BITS);
        }
        check("flap", flapDownMicros, 0, 3_600_000_000L);
        if (flapEveryMicros != 0 && (flapDownMicros == 0 || flapEveryMicros <= flapDownMicros)) {
            throw new IllegalArgumentException("flap: down " + duration(flapDownMicros) + " every " + duration(flapEveryMicros)
                    + " (expected: DOWN or DOWN/EVERY with EVERY longer than DOWN, such as 500ms/5s)");
        }
        check("flap period", flapEveryMicros, 0, 3_600_000_000L);
    }

    private static void check(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    public boolean isNone() {
        return delayMicros == 0 && jitterMicros == 0 && lossPercent == 0 && rateBits == 0 && !blackhole && flapDownMicros == 0;
    }

    /**
     * These settings with {@code words} applied ({@code delay=30ms}, {@code loss=1%}, {@code blackhole},
     * {@code blackhole=false}, {@code flap=500ms/5s}, {@code flap=off}, {@code rate=off}); what the words do
     * not name is kept. Throws {@link IllegalArgumentException} naming the first bad word.
     */
    public Impairment with(List<String> words) {
        long delay = delayMicros;
        long jitter = jitterMicros;
        double loss = lossPercent;
        long rate = rateBits;
        boolean hole = blackhole;
        long flapDown = flapDownMicros;
        long flapEvery = flapEveryMicros;
        long s = seed;
        for (String word : words) {
            int eq = word.indexOf('=');
            String key = (eq < 0 ? word : word.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (value == null && !key.equals("blackhole")) {
                throw new IllegalArgumentException("'" + word + "' (expected: KEY=VALUE with KEY one of " + String.join(", ", KEYS) + ")");
            }
            switch (key) {
                case "delay" -> delay = parseDuration(value);
                case "jitter" -> jitter = parseDuration(value);
                case "loss" -> loss = parsePercent(value);
                case "rate" -> rate = isOff(value) ? 0 : parseRate(value);
                case "blackhole" -> hole = value == null || parseBoolean("blackhole", value);
                case "flap" -> {
                    if (isOff(value)) {
                        flapDown = 0;
                        flapEvery = 0;
                    } else {
                        int slash = value.indexOf('/');
                        flapDown = parseDuration(slash < 0 ? value : value.substring(0, slash));
                        flapEvery = slash < 0 ? 0 : parseDuration(value.substring(slash + 1));
                    }
                }
                case "seed" -> s = parseSeed(value);
                default -> throw new IllegalArgumentException("unknown impairment '" + key + "' (expected: one of "
                        + String.join(", ", KEYS) + ")");
            }
        }
        return new Impairment(delay, jitter, loss, rate, hole, flapDown, flapEvery, s);
    }

    /**
     * Checks one setting's value alone (the lab file reports each field at its own place): throws
     * {@link IllegalArgumentException} naming the value; settings that depend on each other (jitter
     * and delay) are checked when they are combined.
     */
    public static void checkValue(String key, String value) {
        String word = key + "=" + value;
        switch (key) {
            case "jitter" -> NONE.with(List.of("delay=" + duration(MAX_DELAY_MICROS), word));
            case "delay", "loss", "rate", "blackhole", "flap", "seed" -> NONE.with(List.of(word));
            default -> throw new IllegalArgumentException("unknown impairment '" + key + "' (expected: one of " + String.join(", ", KEYS) + ")");
        }
    }

    /** Parses the text form; {@code none} or nothing is {@link #NONE}. */
    public static Impairment parse(List<String> words) {
        if (words.size() == 1 && words.getFirst().equals("none")) {
            return NONE;
        }
        return NONE.with(words);
    }

    /** The text form, parseable by {@link #parse}: only what is set, {@code none} for a clean link. */
    public List<String> words() {
        List<String> w = new ArrayList<>();
        if (delayMicros > 0) {
            w.add("delay=" + duration(delayMicros));
        }
        if (jitterMicros > 0) {
            w.add("jitter=" + duration(jitterMicros));
        }
        if (lossPercent > 0) {
            w.add("loss=" + percent(lossPercent));
        }
        if (rateBits > 0) {
            w.add("rate=" + rate(rateBits));
        }
        if (blackhole) {
            w.add("blackhole");
        }
        if (flapDownMicros > 0) {
            w.add("flap=" + duration(flapDownMicros) + (flapEveryMicros > 0 ? "/" + duration(flapEveryMicros) : ""));
        }
        if (w.isEmpty()) {
            w.add("none");
        } else if (lossPercent > 0 || jitterMicros > 0) {
            w.add("seed=" + seed);
        }
        return w;
    }

    @Override
    public String toString() {
        return String.join(" ", words());
    }

    private static boolean isOff(String value) {
        return value.equals("off") || value.equals("none") || value.equals("0");
    }

    /** {@code 30ms}, {@code 1.5s}, {@code 250us}, {@code 0}: microseconds. */
    public static long parseDuration(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("duration: '" + text + "' (expected: a number and a unit us, ms or s, such as 30ms)");
        }
        long scale = switch (m.group(3)) {
            case "us" -> 1;
            case "ms" -> 1_000;
            default -> 1_000_000;
        };
        long whole = Long.parseLong(m.group(1)) * scale;
        String frac = m.group(2);
        long part = frac == null ? 0 : Long.parseLong((frac + "00").substring(0, 3)) * scale / 1000;
        return whole + part;
    }

    /** {@code 1%}, {@code 0.5%}: percent, 0..100. */
    public static double parsePercent(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return 0;
        }
        Matcher m = PERCENT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("loss: '" + text + "' (expected: a percentage such as 1% or 0.5%)");
        }
        double p = Double.parseDouble(m.group(1));
        if (p > 100) {
            throw new IllegalArgumentException("loss: '" + text + "' (expected: 0% to 100%)");
        }
        return p;
    }

    /** {@code 10mbit}, {@code 512kbit}, {@code 1gbit} (tc's units, powers of 1000): bits per second. */
    public static long parseRate(String text) {
        Matcher m = RATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("rate: '" + text + "' (expected: a number and a unit bit, kbit, mbit or gbit, such as 10mbit)");
        }
        long scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        long bits = Math.round(Double.parseDouble(m.group(1)) * scale);
        if (bits < MIN_RATE_BITS || bits > MAX_RATE_BITS) {
            throw new IllegalArgumentException("rate: '" + text + "' (expected: 8kbit to 100gbit)");
        }
        return bits;
    }

    private static boolean parseBoolean(String what, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new IllegalArgumentException(what + ": '" + value + "' (expected: true or false)");
        };
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed: '" + value + "' (expected: a whole number)");
        }
    }

    /** Microseconds as the shortest exact text: {@code 30ms}, {@code 1500us}, {@code 5s}. */
    public static String duration(long micros) {
        if (micros == 0) {
            return "0ms";
        }
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        if (micros % 1_000 == 0) {
            return micros / 1_000 + "ms";
        }
        return micros + "us";
    }

    static String percent(double p) {
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }

    static String rate(long bits) {
        if (bits % 1_000_000_000 == 0) {
            return bits / 1_000_000_000 + "gbit";
        }
        if (bits % 1_000_000 == 0) {
            return bits / 1_000_000 + "mbit";
        }
        if (bits % 1_000 == 0) {
            return bits / 1_000 + "kbit";
        }
        return bits + "bit";
    }
}
