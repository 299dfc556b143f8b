package io.wanlab.core.rules;

import java.util.Arrays;

/** Decides which dimension indexes each rule: the one where its criterion covers the least. */
final class RuleIndexPlan {
    private RuleIndexPlan() {
    }

    /**
     * @param dims the partitioned dimensions
     * @param ranges per dimension, per rule: ranges or null (any)
     * @param spaceSize per dimension: the size of its value space
     * @return one ascending rule list per dimension, then the list of rules no dimension takes
     */
    static int[][] assign(DimensionIndex[] dims, int[][][] ranges, double[] spaceSize) {
        int ruleCount = ranges[0].length;
        int[][] out = new int[dims.length + 1][ruleCount];
        int[] sizes = new int[dims.length + 1];
        for (int rule = 0; rule < ruleCount; rule++) {
            int best = dims.length;
            double bestCoverage = 1.0;
            for (int d = 0; d < dims.length; d++) {
                int[] r = ranges[d][rule];
                if (r == null || dims[d].span(r) > DimensionIndex.MAX_SPAN) {
                    continue;
                }
                double coverage = covered(r) / spaceSize[d];
                if (coverage < bestCoverage) {
                    bestCoverage = coverage;
                    best = d;
                }
            }
            out[best][sizes[best]++] = rule;
        }
        for (int d = 0; d < out.length; d++) {
            out[d] = Arrays.copyOf(out[d], sizes[d]);
        }
        return out;
    }

    private static double covered(int[] r) {
        double total = 0;
        for (int i = 0; i < r.length; i += 2) {
            total += Integer.toUnsignedLong(r[i + 1]) - Integer.toUnsignedLong(r[i]) + 1;
        }
        return total;
    }
}
