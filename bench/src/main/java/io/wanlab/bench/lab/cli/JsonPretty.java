package io.wanlab.bench.lab.cli;

import io.wanlab.core.json.Json;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Indents a node's compact status document for people; an object or array holding no other
 * object or array (a flow, a link) stays on one line so a status listing reads as a table.
 * Never fails: text that is not one JSON value (a node's garbled answer) comes out as it went in.
 */
final class JsonPretty {
    private static final String INDENT = "  ";

    private JsonPretty() {
    }

    static String indent(String json) {
        JsonNode root;
        try {
            root = Json.strict().readTree(json);
        } catch (JacksonException e) {
            return json;
        }
        if (root == null || root.isMissingNode()) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() * 2);
        write(root, 0, out);
        return out.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        if (!node.isContainer() || node.valueStream().noneMatch(JsonNode::isContainer)) {
            out.append(Json.strict().writeValueAsString(node));
            return;
        }
        String inner = "\n" + INDENT.repeat(depth + 1);
        String sep = "";
        if (node.isObject()) {
            out.append('{');
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.append(sep).append(inner).append(Json.strict().writeValueAsString(e.getKey())).append(": ");
                write(e.getValue(), depth + 1, out);
                sep = ",";
            }
        } else {
            out.append('[');
            for (JsonNode element : node) {
                out.append(sep).append(inner);
                write(element, depth + 1, out);
                sep = ",";
            }
        }
        out.append('\n').append(INDENT.repeat(depth)).append(node.isObject() ? '}' : ']');
    }
}
