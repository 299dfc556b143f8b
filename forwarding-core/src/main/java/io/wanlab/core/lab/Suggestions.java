package io.wanlab.core.lab;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field names, labels and references. */
final class Suggestions {
    /** Names longer than this are not compared: they are not typos of a short name. */
    private static final int MAX_COMPARED_LENGTH = 64;

    private Suggestions() {
    }

    /** The candidate closest to {@code given}, if one is close enough to be a likely typo. */
    static Optional<String> closest(String given, Collection<String> candidates) {
        if (given.length() > MAX_COMPARED_LENGTH) {
            return Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int allowed = Math.min(g.length(), c.length()) < 5 ? 1 : 2;
            if (Math.abs(g.length() - c.length()) > allowed) {
                continue;
            }
            int d = distance(g, c);
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ", did you mean 'x'?"} or the empty string. */
    static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> ", did you mean '" + c + "'?").orElse("");
    }

    /**
     * Edit distance counting a swap of neighbours as one edit (optimal string alignment), since
     * {@code tpc} for {@code tcp} is as common a typo as a missing letter. Both strings are short.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
