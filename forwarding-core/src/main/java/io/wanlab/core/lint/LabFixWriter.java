package io.wanlab.core.lint;

import static java.util.Objects.requireNonNull;

import io.wanlab.core.lab.LabFile;
import io.wanlab.core.lab.NetworkRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a reordered lab file as text, moving each rule's lines as a block so that comments and
 * formatting survive: a YAML emitter would drop them. A rule's block starts at the comment lines
 * just above its list item (same indentation as its dash) and ends where the next rule's block
 * starts; the last rule's block ends at the last line indented deeper than the list. Rules must be
 * a block list, one rule per item, each starting on its own line; anything else is refused.
 */
public final class LabFixWriter {
    private LabFixWriter() {
    }

    /**
     * @param originalYaml the text {@code original} was loaded from
     * @param fixed {@code original} with the same rules in another order (as {@link LabLint#fix} gives)
     * @return the text with the rule blocks in {@code fixed}'s order; {@code originalYaml} itself when the order is the same
     * @throws IllegalArgumentException when the rules are not the same, or their text cannot be moved as blocks
     */
    public static String write(String originalYaml, LabFile original, LabFile fixed) {
        requireNonNull(originalYaml, "originalYaml");
        requireNonNull(original, "original");
        requireNonNull(fixed, "fixed");
        List<NetworkRule> rules = original.rules();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byName.put(rules.get(i).name(), i);
        }
        List<Integer> order = new ArrayList<>();
        for (NetworkRule r : fixed.rules()) {
            Integer i = byName.get(r.name());
            if (i == null || order.contains(i)) {
                throw new IllegalArgumentException("fixed rule '" + r.name() + "' (expected: each rule of the original once)");
            }
            order.add(i);
        }
        if (order.size() != rules.size()) {
            throw new IllegalArgumentException("fixed rules: " + order.size() + " (expected: " + rules.size() + ", the original's)");
        }
        boolean same = true;
        for (int i = 0; i < order.size(); i++) {
            same &= order.get(i) == i;
        }
        if (same) {
            return originalYaml;
        }
        boolean endsWithNewline = originalYaml.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of((endsWithNewline ? originalYaml : originalYaml + "\n").split("(?<=\n)")));
        int[] starts = new int[rules.size()];
        int dash = -1;
        for (int i = 0; i < rules.size(); i++) {
            int line = rules.get(i).location().line() - 1;
            int column = rules.get(i).location().column() - 1;
            if (line < 0 || line >= lines.size() || (i > 0 && line <= rules.get(i - 1).location().line() - 1)) {
                throw new IllegalArgumentException("rule '" + rules.get(i).name() + "' at line " + (line + 1)
                        + " (expected: each rule on its own line, in file order)");
            }
            String text = lines.get(line);
            int d = text.lastIndexOf('-', Math.min(column, text.length()) - 1);
            if (d < 0 || !text.substring(0, d).isBlank() || (dash >= 0 && d != dash)) {
                throw new IllegalArgumentException("rule '" + rules.get(i).name() + "' at line " + (line + 1)
                        + ": not a block list item '- ' (expected: rules as a block list, one item per rule)");
            }
            dash = d;
            int start = line;
            while (start > 0 && isComment(lines.get(start - 1)) && indent(lines.get(start - 1)) == d
                    && (i == 0 || start - 1 > rules.get(i - 1).location().line() - 1)) {
                start--;
            }
            starts[i] = start;
        }
        int end = rules.get(rules.size() - 1).location().line();
        int lastContent = end - 1;
        for (int k = end; k < lines.size(); k++) {
            String l = lines.get(k);
            if (l.isBlank() || isComment(l)) {
                continue;
            }
            if (indent(l) <= dash) {
                break;
            }
            lastContent = k;
        }
        int blockEnd = lastContent + 1;
        List<String> out = new ArrayList<>(lines.subList(0, starts[0]));
        for (int i : order) {
            int to = i + 1 < rules.size() ? starts[i + 1] : blockEnd;
            out.addAll(lines.subList(starts[i], to));
        }
        out.addAll(lines.subList(blockEnd, lines.size()));
        String result = String.join("", out);
        return endsWithNewline ? result : result.substring(0, result.length() - 1);
    }

    private static boolean isComment(String line) {
        return line.strip().startsWith("#");
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
