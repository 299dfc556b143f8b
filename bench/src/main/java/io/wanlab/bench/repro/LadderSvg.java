package io.wanlab.bench.repro;

import static io.wanlab.bench.repro.ReportWriter.escape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a flow's packets as an inline SVG ladder diagram: one vertical lane per node (client,
 * socket-a, pop, socket-b, server, then any lane a step names that is not one of those), one
 * horizontal arrow per step in time order with its label above and its time on the left, resets
 * in red. Steps past {@link #MAX_STEPS} are counted, not drawn, so a runaway capture keeps the
 * page usable. Colours are presentation attributes, so the SVG also stands alone.
 */
final class LadderSvg {
    static final List<String> LANES = List.of("client", "socket-a", "pop", "socket-b", "server");
    static final int MAX_STEPS = 400;
    /** Unknown lanes drawn by name; further unknown names share one "other" lane, bounding the width. */
    static final int MAX_EXTRA_LANES = 4;
    static final String OTHER_LANE = "other";

    static final String RESET_COLOUR = "#c62828";
    static final String STEP_COLOUR = "#37474f";

    /** A white outline under the glyphs keeps text readable where it crosses a lifeline. */
    private static final String HALO = " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";

    private static final int ROW = 22;
    private static final int TIME_COLUMN = 64;
    private static final int LANE_WIDTH = 150;
    private static final int HEADER = 40;
    private static final int LOOP = 22;
    /** A generous average glyph width at 11 px, for truncating labels before they run off the picture. */
    private static final double CHAR_WIDTH = 6.5;
    /** However close two lanes are, a label may use this much width before it is cut. */
    private static final int MIN_LABEL_WIDTH = 260;

    private LadderSvg() {
    }

    static String render(List<LadderStep> ladder) {
        return render(ladder, LANES);
    }

    /** The ladder with {@code lanes} first, in that order (a route's client host, Sockets, PoP, server host). */
    static String render(List<LadderStep> ladder, List<String> known) {
        List<LadderStep> steps = new ArrayList<>(ladder);
        steps.sort(Comparator.comparingLong(LadderStep::timeNanos)); // stable: equal times keep capture order
        int drawn = Math.min(steps.size(), MAX_STEPS);
        Lanes lanes = Lanes.of(steps.subList(0, drawn), known);
        int width = TIME_COLUMN + lanes.names().size() * LANE_WIDTH;
        int rows = Math.max(drawn, 1) + (drawn < steps.size() ? 1 : 0);
        int height = HEADER + rows * ROW + 8;

        StringBuilder out = new StringBuilder(2048 + drawn * 480);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"11\"")
                .append(" role=\"img\" aria-label=\"ladder diagram\">\n");
        stripes(out, drawn, width);
        lanes(out, lanes, known, height);
        out.append("<text x=\"").append(TIME_COLUMN - 8).append("\" y=\"22\" text-anchor=\"end\" fill=\"#78909c\">ms</text>\n");
        if (steps.isEmpty()) {
            out.append("<text class=\"empty\" x=\"").append(TIME_COLUMN + 8).append("\" y=\"").append(arrowY(0) + 4)
                    .append("\" font-style=\"italic\" fill=\"#555\"").append(HALO).append(">no packets captured for this flow</text>\n");
        }
        long origin = steps.isEmpty() ? 0 : steps.getFirst().timeNanos();
        for (int i = 0; i < drawn; i++) {
            step(out, steps.get(i), arrowY(i), origin, lanes, width);
        }
        if (drawn < steps.size()) {
            int more = steps.size() - drawn;
            out.append("<text class=\"more\" x=\"").append(TIME_COLUMN + 8).append("\" y=\"").append(arrowY(drawn) + 4)
                    .append("\" font-style=\"italic\" fill=\"#555\"").append(HALO).append(">… ").append(more)
                    .append(more == 1 ? " more packet" : " more packets").append(" (not drawn; report.json lists them all)</text>\n");
        }
        return out.append("</svg>\n").toString();
    }

    /** Baseline of row i's arrow; its label sits just above, its time just below. */
    private static int arrowY(int row) {
        return HEADER + 16 + row * ROW;
    }

    private static void stripes(StringBuilder out, int rows, int width) {
        for (int i = 1; i < rows; i += 2) {
            out.append("<rect x=\"0\" y=\"").append(arrowY(i) - 15).append("\" width=\"").append(width)
                    .append("\" height=\"").append(ROW).append("\" fill=\"#f5f7fa\"/>\n");
        }
    }

    private static void lanes(StringBuilder out, Lanes lanes, List<String> known, int height) {
        for (int i = 0; i < lanes.names().size(); i++) {
            String name = lanes.names().get(i);
            boolean isKnown = known.contains(name);
            int x = laneX(i);
            out.append("<line class=\"lifeline\" x1=\"").append(x).append("\" y1=\"30\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 4).append("\" stroke=\"#b0bec5\" stroke-dasharray=\"4 3\"/>\n");
            out.append("<rect class=\"lane\" x=\"").append(x - 62).append("\" y=\"6\" width=\"124\" height=\"24\" rx=\"4\" fill=\"")
                    .append(isKnown ? "#e3eaf2" : "#fff3e0").append("\" stroke=\"").append(isKnown ? "#90a4ae" : "#ffb74d").append("\"/>\n");
            out.append("<text class=\"lane-name\" x=\"").append(x)
                    .append("\" y=\"22\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#263238\">")
                    .append(escape(fit(name.isBlank() ? "(unnamed)" : name, 118))).append("</text>\n");
        }
    }

    private static int laneX(int lane) {
        return TIME_COLUMN + lane * LANE_WIDTH + LANE_WIDTH / 2;
    }

    private static void step(StringBuilder out, LadderStep s, int y, long origin, Lanes lanes, int width) {
        String colour = s.reset() ? RESET_COLOUR : STEP_COLOUR;
        String cls = s.reset() ? " reset" : "";
        int x1 = laneX(lanes.index(s.from()));
        int x2 = laneX(lanes.index(s.to()));
        out.append("<text class=\"time\" x=\"").append(TIME_COLUMN - 8).append("\" y=\"").append(y + 3)
                .append("\" text-anchor=\"end\" fill=\"#607d8b\" font-size=\"10\">").append(millis(since(origin, s.timeNanos())))
                .append("</text>\n");
        out.append("<g class=\"step").append(cls).append("\"><title>").append(escape(tooltip(s))).append("</title>");
        if (x1 == x2) {
            loop(out, s, cls, colour, x1, y, width);
        } else {
            arrow(out, s, cls, colour, x1, x2, y, width);
        }
        out.append("</g>\n");
    }

    private static void arrow(StringBuilder out, LadderStep s, String cls, String colour, int x1, int x2, int y, int width) {
        int dir = x2 > x1 ? 1 : -1;
        // A wide invisible stroke so the tooltip shows without hitting a 1.5 px line exactly.
        out.append("<line class=\"hit\" x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y).append("\" stroke=\"transparent\" stroke-width=\"12\"/>");
        out.append("<line class=\"arrow").append(cls).append("\" x1=\"").append(x1).append("\" y1=\"").append(y)
                .append("\" x2=\"").append(x2 - dir * 8).append("\" y2=\"").append(y).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(s.reset() ? "2" : "1.5").append("\"/>");
        head(out, colour, x2 - dir, y, dir);
        int room = Math.max(Math.abs(x2 - x1) - 12, MIN_LABEL_WIDTH);
        String text = fit(s.label(), Math.min(room, width - TIME_COLUMN - 8));
        int half = (int) Math.ceil(text.length() * CHAR_WIDTH / 2);
        int centre = Math.clamp((x1 + x2) / 2, TIME_COLUMN + 4 + half, Math.max(TIME_COLUMN + 4 + half, width - 4 - half));
        label(out, s, cls, colour, text, centre, y - 5, "middle");
    }

    /** A step that stays on one lane (the node answered itself) as a small loop to its right. */
    private static void loop(StringBuilder out, LadderStep s, String cls, String colour, int x, int y, int width) {
        out.append("<path class=\"arrow").append(cls).append("\" d=\"M").append(x).append(' ').append(y - 5)
                .append(" h").append(LOOP).append(" v10 h-").append(LOOP - 8).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"").append(s.reset() ? "2" : "1.5").append("\"/>");
        head(out, colour, x + 1, y + 5, -1);
        int left = x + LOOP + 6;
        label(out, s, cls, colour, fit(s.label(), width - left - 4), left, y + 4, "start");
    }

    /** A filled triangle with its tip at (tipX, y), pointing right for dir 1 and left for dir -1. */
    private static void head(StringBuilder out, String colour, int tipX, int y, int dir) {
        int base = tipX - dir * 9;
        out.append("<polygon class=\"head\" points=\"").append(tipX).append(',').append(y).append(' ')
                .append(base).append(',').append(y - 4).append(' ').append(base).append(',').append(y + 4)
                .append("\" fill=\"").append(colour).append("\"/>");
    }

    private static void label(StringBuilder out, LadderStep s, String cls, String colour, String text, int x, int y, String anchor) {
        out.append("<text class=\"label").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(colour).append('"');
        if (s.reset()) {
            out.append(" font-weight=\"bold\"");
        }
        out.append(HALO).append('>').append(escape(text)).append("</text>");
    }

    /** The step in words (its label uncut) and the note: where it was seen, rule, transport. */
    private static String tooltip(LadderStep s) {
        String head = s.from() + " → " + s.to() + ": " + s.label();
        return s.note().isEmpty() ? head : head + "\n" + s.note();
    }

    /** The text cut with an ellipsis to fit roughly {@code pixels} wide. */
    static String fit(String text, int pixels) {
        int max = Math.max(1, (int) (pixels / CHAR_WIDTH));
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return text.substring(0, cut) + "…";
    }

    /** Nanoseconds from origin to t, saturated: absurd capture clocks must not wrap to a negative time. */
    private static long since(long origin, long t) {
        long d = t - origin;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }

    /** The lanes in drawing order and where each name a step may use is drawn. */
    private record Lanes(List<String> names, Map<String, Integer> index) {
        static Lanes of(List<LadderStep> steps, List<String> known) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String lane : known) {
                index.put(lane, index.size());
            }
            int extra = 0;
            for (LadderStep s : steps) {
                for (String lane : new String[] {s.from(), s.to()}) {
                    if (index.containsKey(lane)) {
                        continue;
                    }
                    if (extra < MAX_EXTRA_LANES) {
                        index.put(lane, index.size());
                        extra++;
                    } else {
                        index.putIfAbsent(OTHER_LANE, index.size());
                    }
                }
            }
            return new Lanes(List.copyOf(index.keySet()), index);
        }

        int index(String lane) {
            Integer i = index.get(lane);
            return i != null ? i : index.get(OTHER_LANE);
        }
    }
}
