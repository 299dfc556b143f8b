package io.wanlab.core.lab;

import java.util.Locale;

/**
 * A domain name or a wildcard such as {@code *.example.com}. A wildcard matches any name below
 * the suffix (at any depth) but not the bare suffix; matching ignores case and a trailing dot.
 */
public record DomainPattern(String pattern) {
    public DomainPattern {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("domain pattern: '" + pattern + "' (expected: name or *.suffix)");
        }
        pattern = normalize(pattern);
        String rest = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        if (rest.isEmpty() || rest.contains("*") || rest.startsWith(".") || rest.endsWith(".") || rest.contains("..")) {
            throw new IllegalArgumentException("domain pattern: '" + pattern + "' (expected: name or *.suffix)");
        }
    }

    public boolean isWildcard() {
        return pattern.startsWith("*.");
    }

    public boolean matches(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = normalize(host);
        if (!isWildcard()) {
            return h.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.com"
        return h.length() > suffix.length() && h.endsWith(suffix);
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
