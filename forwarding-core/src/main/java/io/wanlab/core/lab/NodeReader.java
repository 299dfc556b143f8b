package io.wanlab.core.lab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads from composed YAML nodes. Every read either returns a value or reports a problem
 * at the node and returns null; a null node means "already reported" and is passed through, so
 * that callers read every field and the author gets every problem in one go. Not thread-safe.
 */
final class NodeReader {
    /**
     * Aliases let a small file name the same subtree many times; reading stops after this many
     * values so that such a file costs bounded time whatever snakeyaml's alias limit lets through.
     */
    static final int MAX_VISITS = 200_000;
    static final int MAX_NAME_LENGTH = 100;
    /** Longer than any address, port range or DNS name (253). */
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final int QUOTE_LIMIT = 40;

    private final Problems problems;
    private int visits;

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    Fields fields(Node node, String path, String expected, List<String> known) {
        if (node == null) {
            return null;
        }
        visit(node, path);
        if (!(node instanceof MappingNode mapping)) {
            wrongKind(node, path, expected);
            return null;
        }
        return Fields.of(this, mapping, path, known);
    }

    List<Node> list(Node node, String path, String expected, boolean allowEmpty) {
        if (node == null) {
            return null;
        }
        visit(node, path);
        if (!(node instanceof SequenceNode sequence)) {
            wrongKind(node, path, expected);
            return null;
        }
        if (!allowEmpty && sequence.getValue().isEmpty()) {
            problems.add(node, label(path), "empty list (expected: " + expected + ")");
            return null;
        }
        return sequence.getValue();
    }

    String text(Node node, String path, String expected) {
        if (node == null) {
            return null;
        }
        visit(node, path);
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            wrongKind(node, path, expected);
            return null;
        }
        return scalar.getValue();
    }

    /** Only {@code true} or {@code false} (any case): YAML 1.1's yes/no/on/off are typos here. */
    Boolean bool(Node node, String path) {
        String text = text(node, path, "true or false");
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        problems.add(node, path, quote(text) + " (expected: true or false)");
        return null;
    }

    /** Whether the node is the word, such as {@code any}, quoted or not; reports nothing. */
    static boolean isWord(Node node, String word) {
        return node instanceof ScalarNode s && s.getValue().equals(word);
    }

    /**
     * Reads text and converts it; an {@link IllegalArgumentException} from the converter becomes
     * the problem's message, so converters name the value and what they expected.
     */
    <T> T convert(Node node, String path, String expected, Function<String, T> converter) {
        String text = text(node, path, expected);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_VALUE_LENGTH) {
            // Converters quote the whole value in their messages; keep those messages one short line.
            problems.add(node, path, text.length() + " characters (expected: " + expected + ")");
            return null;
        }
        try {
            return converter.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return null;
        }
    }

    /**
     * One of a closed set of labels (link kinds, transports, protocols), with a suggestion when
     * the text is close to one of them, for example {@code Off-Cloud} or {@code ofcloud}.
     */
    <T> T choice(Node node, String path, String what, Map<String, T> choices) {
        String text = text(node, path, NodeReader.oneOf(List.copyOf(choices.keySet())));
        if (text == null) {
            return null;
        }
        T value = choices.get(text);
        if (value == null) {
            problems.add(node, path, what + ": " + quote(text) + Suggestions.didYouMean(text, choices.keySet())
                    + " (expected: " + oneOf(List.copyOf(choices.keySet())) + ")");
        }
        return value;
    }

    /** A display name: one line, no surrounding blanks, at most {@value #MAX_NAME_LENGTH} chars. */
    String name(Node node, String path, String what) {
        String text = text(node, path, what);
        if (text == null) {
            return null;
        }
        if (text.isBlank() || !text.equals(text.strip()) || text.length() > MAX_NAME_LENGTH
                || text.chars().anyMatch(Character::isISOControl)) {
            problems.add(node, path, what + ": " + quote(text) + " (expected: one line of 1.." + MAX_NAME_LENGTH
                    + " characters without leading or trailing blanks)");
            return null;
        }
        return text;
    }

    /** A device node name: it may end up in namespace and file names, so a safe alphabet. */
    String nodeName(Node node, String path) {
        String text = text(node, path, "a node name such as socket-a");
        if (text == null) {
            return null;
        }
        if (!NODE_NAME.matcher(text).matches()) {
            problems.add(node, path, "node name: " + quote(text)
                    + " (expected: 1..32 letters, digits, '-' or '_', starting with a letter or digit, such as socket-a)");
            return null;
        }
        return text;
    }

    /** Records the first place of a name; reports a later one. */
    boolean unique(Map<String, Location> seen, String name, Node node, String field, String what) {
        Location first = seen.putIfAbsent(name, problems.at(node));
        if (first == null) {
            return true;
        }
        problems.add(node, field, "repeated " + what + " " + NodeReader.quote(name) + ", first at line " + first.line()
                + " (expected: unique " + what + "s)");
        return false;
    }

    void wrongKind(Node node, String path, String expected) {
        problems.add(node, label(path), "found " + describe(node) + " (expected: " + expected + ")");
    }

    void visit(Node node, String path) {
        if (++visits > MAX_VISITS) {
            throw problems.abort(problems.at(node), label(path), "more than " + MAX_VISITS
                    + " values to read; aliases multiply the document (expected: a lab file of ordinary size)");
        }
    }

    static String label(String path) {
        return path.isEmpty() ? "document" : path;
    }

    static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "an empty value";
            case ScalarNode s -> quote(s.getValue());
            default -> "a " + node.getNodeType();
        };
    }

    /** Quotes a value for a one-line message: shortened, control characters escaped. */
    static String quote(String value) {
        return "'" + shorten(value) + "'";
    }

    /** Shortens text for a message or a field path, escaping what would break the line. */
    static String shorten(String value) {
        String v = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return sb.toString();
    }

    /** "one of a, b, c" for an expected clause, shortened when the list is long. */
    static String oneOf(List<String> names) {
        int shown = Math.min(names.size(), 10);
        String head = String.join(", ", names.subList(0, shown).stream().map(n -> n.length() > QUOTE_LIMIT
                ? n.substring(0, QUOTE_LIMIT) + "..." : n).toList());
        return (names.size() == 1 ? "" : "one of ") + head + (names.size() > shown ? ", ..." : "");
    }
}
