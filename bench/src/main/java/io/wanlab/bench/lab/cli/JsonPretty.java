package io.wanlab.bench.lab.cli;

/**
 * Indents a compact JSON document for people; objects of scalars (a flow, a link) stay on one
 * line so a status listing reads as a table. Works on the text, never fails: bad JSON comes out as it went in, indented.
 */
final class JsonPretty {
    private JsonPretty() {
    }

    static String indent(String json) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    int close = flatEnd(json, i);
                    if (close > 0) {
                        out.append(json, i, close + 1);
                        i = close;
                    } else {
                        depth++;
                        out.append(c).append('\n').append("  ".repeat(depth));
                    }
                }
                case '}', ']' -> {
                    depth = Math.max(0, depth - 1);
                    out.append('\n').append("  ".repeat(depth)).append(c);
                }
                case ',' -> out.append(",\n").append("  ".repeat(depth));
                case ':' -> out.append(": ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** If the object or array at {@code start} holds no nested object or array, the index of its end; else -1. */
    private static int flatEnd(String json, int start) {
        boolean inString = false;
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                return -1;
            } else if (c == '}' || c == ']') {
                return i;
            }
        }
        return -1;
    }
}
