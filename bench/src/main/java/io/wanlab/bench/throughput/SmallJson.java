package io.wanlab.bench.throughput;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON to read iperf3's report and a node's status document: objects, arrays,
 * strings, numbers (as double), true, false and null. Nesting and input length are bounded;
 * every error names the offset and what was expected there. A member name that repeats keeps
 * its last value, as most readers do: iperf3 3.12 writes {@code sock_bufsize},
 * {@code sndbuf_actual} and {@code rcvbuf_actual} once per stream into the same object.
 */
final class SmallJson {
    static final int MAX_DEPTH = 32;
    static final int MAX_LENGTH = 8 << 20;

    private final String text;
    private int pos;

    private SmallJson(String text) {
        this.text = text;
    }

    /** One JSON value: Map (insertion order), List, String, Double, Boolean or null. */
    static Object parse(String text) {
        requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("JSON: " + text.length() + " characters (expected: at most " + MAX_LENGTH + ")");
        }
        SmallJson p = new SmallJson(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("the end of the document");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " levels of nesting");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("a value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (!peek('"')) {
                throw error("a quoted member name");
            }
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek(']')) {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("no control characters inside a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("a valid escape");
                }
            }
        }
        throw error("a closing quote");
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("four hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0) {
                throw error("four hex digits");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    /** JSON's number grammar exactly, so that Double.parseDouble never sees "NaN", "0x1p3" or "1d". */
    private Double number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digits() == 0) {
            throw error("a digit");
        }
        if (peek('.')) {
            pos++;
            if (digits() == 0) {
                throw error("a digit after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("a digit in the exponent");
            }
        }
        if (pos - start > 64) {
            pos = start;
            throw error("a number of at most 64 characters");
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "the end of the input" : "'" + text.charAt(pos) + "'";
        return new IllegalArgumentException("JSON at offset " + pos + ": " + found + " (expected: " + expected + ")");
    }
}
