package io.wanlab.core.lab;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The fields of one YAML mapping, checked against the names its section allows. Unknown and
 * repeated fields are problems, never ignored: a misspelt {@code secondary} silently falling back
 * to its default would be a wrong decision that nobody sees.
 */
final class Fields {
    private final NodeReader reader;
    private final MappingNode node;
    private final String path;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Fields(NodeReader reader, MappingNode node, String path) {
        this.reader = reader;
        this.node = node;
        this.path = path;
    }

    static Fields of(NodeReader reader, MappingNode node, String path, List<String> known) {
        Fields fields = new Fields(reader, node, path);
        Problems problems = reader.problems();
        Map<String, Node> keys = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            reader.visit(keyNode, path);
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.add(keyNode, NodeReader.label(path), "found " + NodeReader.describe(keyNode)
                        + " as a key (expected: field names, " + NodeReader.oneOf(known) + ")");
                continue;
            }
            String key = scalar.getValue();
            if (!known.contains(key)) {
                problems.add(keyNode, fields.path(NodeReader.shorten(key)), "unknown field " + NodeReader.quote(key)
                        + Suggestions.didYouMean(key, known) + " (expected: " + NodeReader.oneOf(known) + ")");
                continue;
            }
            Node first = keys.putIfAbsent(key, keyNode);
            if (first != null) {
                problems.add(keyNode, fields.path(key), "repeated field, first at line "
                        + problems.at(first).line() + " (expected: each field once)");
                continue;
            }
            fields.values.put(key, tuple.getValueNode());
        }
        return fields;
    }

    /** The value of an optional field, or null when absent. */
    Node get(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of a required field; when absent, reports it at the mapping and returns null. */
    Node required(String key, String expected) {
        Node value = values.get(key);
        if (value == null) {
            reader.problems().add(node, path(key), "missing required field (expected: " + expected + ")");
        }
        return value;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Location location() {
        return reader.problems().at(node);
    }

    MappingNode node() {
        return node;
    }
}
